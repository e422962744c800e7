package org.odcsj.source.koji;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.parallel.Parallel;
import org.odcsj.rpm.RpmHeaderReader;
import org.odcsj.rpm.cache.HeaderCacheCounter;
import org.odcsj.selection.PackageArches;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;

/**
 * Turns a Koji package set into what the compose pipeline selects from: the copy of each RPM the
 * sigkeys choose, its metadata (from the cache or its headers) as a candidate, its file.
 */
final class KojiComposer {

  /**
   * Threads reading headers and hashing files. Cold, a read mostly waits for the disk: with 4 at
   * once a corpus of 2.9 GiB took 5-7 s to read and hash on 2 cores, with 16 about 3.5 s (the page
   * cache dropped; warm, the processors are the limit either way).
   */
  private static final int READERS = 16;

  private final KojiQueries koji;
  private final KojiTopdir topdir;
  private final KojiRpmHeaders headers;
  private final KojiPackageFiles files;

  KojiComposer(
      KojiQueries koji, KojiTopdir topdir, KojiRpmHeaders headers, KojiPackageFiles files) {
    this.koji = koji;
    this.topdir = topdir;
    this.headers = headers;
    this.files = files;
  }

  KojiQueries koji() {
    return koji;
  }

  KojiContent content(
      ComposeSpec resolved,
      KojiPackageSet set,
      String fingerprint,
      SourceLog log,
      LookasideRepos lookaside)
      throws SourceFailure {
    List<String> sigkeys = SpaceJoined.sigkeys(resolved.sigkeys());
    // Only the arches the compose can take: the rest of the tag is neither signed-checked nor read.
    java.util.Set<String> arches =
        PackageArches.of(
            SpaceJoined.items(resolved.arches()), SpaceJoined.items(resolved.multilibArches()));
    List<KojiBuildRpm> wanted =
        set.rpms().stream().filter(r -> arches.contains(r.rpm().arch())).toList();
    KojiSignedCopies.Chooser chooser;
    try {
      chooser = new KojiSignedCopies(koji, topdir).chooser(wanted, sigkeys);
    } catch (KojiException | KojiNotFound e) {
      throw new SourceFailure(e.getMessage(), e);
    }
    Map<String, HeaderCacheCounter> counters = new TreeMap<>();
    for (KojiBuildRpm r : wanted) {
      counters.computeIfAbsent(r.rpm().arch(), HeaderCacheCounter::new);
    }
    List<KojiTaskRpm> taskRpms =
        set.taskRpms().stream().filter(r -> arches.contains(r.arch())).toList();
    Downloads downloads = new Downloads();
    try {
      List<KojiCandidate> candidates = read(wanted, chooser, taskRpms, counters, downloads);
      log.info(
          "Koji: "
              + (candidates.size() - taskRpms.size())
              + " RPMs"
              + (taskRpms.isEmpty() ? "" : " and " + taskRpms.size() + " scratch RPMs")
              + (sigkeys.isEmpty() ? ", unsigned" : ", sigkeys " + String.join(", ", sigkeys)));
      counters.values().forEach(c -> log.info(c.logLine()));
      return new KojiContent(this, resolved, candidates, fingerprint, lookaside, log, downloads);
    } catch (SourceFailure | RuntimeException e) {
      downloads.close();
      throw e;
    }
  }

  /**
   * Each RPM's copy chosen and its metadata read (from the cache, or its headers) in one task, so
   * that looking for the copies on the volume overlaps with reading them. An RPM without an
   * acceptable copy fails the compose, all such RPMs named; once one is found, no more headers are
   * read.
   */
  private List<KojiCandidate> read(
      List<KojiBuildRpm> wanted,
      KojiSignedCopies.Chooser chooser,
      List<KojiTaskRpm> taskRpms,
      Map<String, HeaderCacheCounter> counters,
      Downloads downloads)
      throws SourceFailure {
    AtomicBoolean someMissing = new AtomicBoolean();
    KojiUnsignedPackages.Missing[] missing = new KojiUnsignedPackages.Missing[wanted.size()];
    KojiCandidate[] read = new KojiCandidate[wanted.size() + taskRpms.size()];
    try {
      Parallel.forEach(
          "koji-headers",
          read.length,
          READERS,
          i -> {
            if (i >= wanted.size()) {
              read[i] = scratch(taskRpms.get(i - wanted.size()));
              return;
            }
            KojiBuildRpm rpm = wanted.get(i);
            KojiSignedCopies.Choice choice = chooser.choice(rpm);
            KojiRpmCopy copy = choice.copy();
            if (copy == null) {
              missing[i] = choice.missing();
              someMissing.set(true);
            } else if (!someMissing.get()) { // else the compose fails: reading more is wasted
              read[i] =
                  KojiCandidate.of(
                      headers.read(
                          copy, () -> file(copy, downloads), counters.get(rpm.rpm().arch())),
                      copy,
                      copy.location());
            }
          });
      if (someMissing.get()) {
        chooser.failIfMissing(Arrays.stream(missing).filter(Objects::nonNull).toList());
      }
      return Arrays.asList(read);
    } catch (KojiUnsignedPackages e) {
      throw new SourceFailure(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      // the topurl could not tell whether a copy exists
      throw new SourceFailure(e.getCause().getMessage(), e);
    } catch (InterruptedIOException e) {
      Thread.currentThread().interrupt();
      throw new SourceFailure("Interrupted reading RPM headers", e);
    } catch (IOException | RuntimeException e) {
      throw new SourceFailure(
          "Cannot read an RPM from Koji's volume " + topdir + ": " + e.getMessage(), e);
    }
  }

  /**
   * The copy's file on the mounted volume; over the topurl, a verified download into {@code
   * downloads}.
   */
  Path file(KojiRpmCopy copy, Downloads downloads) throws IOException {
    if (copy.file() != null) {
      return copy.file();
    }
    KojiBuildRpm r = copy.rpm();
    Path dir = downloads.get();
    Path done = dir.resolve(copy.rpm().rpm().nvra() + ".rpm");
    if (Files.isRegularFile(done)) {
      return done;
    }
    return files
        .find(r.build(), r.rpm(), List.of(copy.sigkey()), dir)
        .orElseThrow(() -> new IOException("no copy of " + r.rpm().nvra() + " at " + copy.url()))
        .file();
  }

  private KojiCandidate scratch(KojiTaskRpm task) throws IOException {
    if (!topdir.isMounted()) {
      throw new IOException(
          "scratch build RPMs need Koji's volume mounted (odcs.koji.topdir): " + task.nvra());
    }
    Path file = topdir.file(task.topdirPath());
    return KojiCandidate.scratch(RpmHeaderReader.read(file), file);
  }

  /**
   * Where RPMs fetched over the topurl wait until the compose has placed them: one directory per
   * compose, made on the first download and deleted with everything in it when the content closes.
   */
  static final class Downloads implements java.io.Closeable {
    private Path dir;

    synchronized Path get() throws IOException {
      if (dir == null) {
        dir = Files.createTempDirectory("odcsj-koji-");
      }
      return dir;
    }

    @Override
    public synchronized void close() {
      if (dir == null) {
        return;
      }
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      } catch (IOException e) {
        java.util.logging.Logger.getLogger(KojiComposer.class.getName())
            .warning("Cannot delete the Koji downloads in " + dir + ": " + e);
      }
      dir = null;
    }
  }
}
