package org.odcsj.source.koji;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SpaceJoined;
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
    List<KojiRpmCopy> copies;
    try {
      copies = new KojiSignedCopies(koji, topdir).choose(wanted, sigkeys);
    } catch (KojiUnsignedPackages | KojiException | KojiNotFound e) {
      throw new SourceFailure(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new SourceFailure(e.getCause().getMessage(), e);
    }
    log.info(
        "Koji: "
            + copies.size()
            + " RPMs"
            + (set.taskRpms().isEmpty() ? "" : " and " + set.taskRpms().size() + " scratch RPMs")
            + (sigkeys.isEmpty() ? ", unsigned" : ", sigkeys " + String.join(", ", sigkeys)));
    Map<String, HeaderCacheCounter> counters = new TreeMap<>();
    List<KojiTaskRpm> taskRpms =
        set.taskRpms().stream().filter(r -> arches.contains(r.arch())).toList();
    Downloads downloads = new Downloads();
    try {
      List<KojiCandidate> candidates = read(copies, taskRpms, counters, downloads);
      counters.values().forEach(c -> log.info(c.logLine()));
      return new KojiContent(this, resolved, candidates, fingerprint, lookaside, log, downloads);
    } catch (SourceFailure | RuntimeException e) {
      downloads.close();
      throw e;
    }
  }

  private List<KojiCandidate> read(
      List<KojiRpmCopy> copies,
      List<KojiTaskRpm> taskRpms,
      Map<String, HeaderCacheCounter> counters,
      Downloads downloads)
      throws SourceFailure {
    for (KojiRpmCopy c : copies) {
      counters.computeIfAbsent(c.rpm().rpm().arch(), HeaderCacheCounter::new);
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            READERS,
            r -> {
              Thread t = new Thread(r, "odcsj-koji-headers");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<KojiCandidate>> reads = new ArrayList<>(copies.size() + taskRpms.size());
      for (KojiRpmCopy copy : copies) {
        HeaderCacheCounter counter = counters.get(copy.rpm().rpm().arch());
        reads.add(
            pool.submit(
                () ->
                    KojiCandidate.of(
                        headers.read(copy, () -> file(copy, downloads), counter),
                        copy,
                        copy.location())));
      }
      for (KojiTaskRpm task : taskRpms) {
        reads.add(pool.submit(() -> scratch(task)));
      }
      List<KojiCandidate> out = new ArrayList<>(reads.size());
      for (Future<KojiCandidate> read : reads) {
        out.add(read.get());
      }
      return out;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw new SourceFailure(
          "Cannot read an RPM from Koji's volume " + topdir + ": " + cause.getMessage(), cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceFailure("Interrupted reading RPM headers", e);
    } finally {
      pool.shutdownNow();
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
