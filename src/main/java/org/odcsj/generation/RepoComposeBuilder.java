package org.odcsj.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.GenerationJob;
import org.odcsj.config.OdcsConfig;
import org.odcsj.fetch.PackageFetcher;
import org.odcsj.output.ComposeIdentity;
import org.odcsj.output.ComposeMetadata;
import org.odcsj.output.ComposeTree;
import org.odcsj.output.PlacedPackage;
import org.odcsj.output.RepoFile;
import org.odcsj.output.RepositoryWriter;
import org.odcsj.output.SourceEntry;
import org.odcsj.output.SourceRepodata;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Nevra;
import org.odcsj.selection.Selection;
import org.odcsj.selection.SelectionException;
import org.odcsj.selection.SelectionRequest;
import org.odcsj.selection.Selector;
import org.odcsj.source.repo.AllowedRoots;
import org.odcsj.source.repo.RefusedRepository;
import org.odcsj.source.repo.RepoLocation;
import org.odcsj.source.repo.RepoSnapshot;
import org.odcsj.source.repo.YumRepositories;

/**
 * Builds the tree of a {@code repo} compose into the staging area: reads the source repositories
 * (local directories or http(s) URLs), selects the packages (ODCS/Pungi rules: packages, arches,
 * multilib, sigkeys, dependencies, lookaside — or exactly the original's NEVRAs when regenerating),
 * fetches remote packages once, writes one repository per arch with fresh repodata, the productmd
 * metadata and the .repo file.
 */
@ApplicationScoped
public class RepoComposeBuilder {

  private static final Logger LOG = Logger.getLogger(RepoComposeBuilder.class.getName());

  @Inject OdcsConfig config;

  BuiltCompose build(GenerationJob job, ComposeTree tree, String targetDirUrl, GenerationLog log)
      throws GenerationException, IOException {
    PackageFetcher fetcher = new PackageFetcher();
    log.phase("reading source repositories", 5);
    List<Candidate> candidates = new ArrayList<>();
    List<RepoSnapshot> sources = new ArrayList<>();
    for (String token : job.source().split("\\s+")) {
      RepoSnapshot snapshot = read(token, "source repository", fetcher);
      log.info(
          "Read "
              + snapshot.candidates().size()
              + " packages from "
              + RepoLocation.redact(token)
              + " (revision "
              + snapshot.revision()
              + ")");
      sources.add(snapshot);
      candidates.addAll(snapshot.candidates());
    }
    Map<String, List<Candidate>> chosen =
        job.pinned() ? pinned(job, candidates, log) : selected(job, candidates, fetcher, log);
    Map<Candidate, SourceRepodata> repodataOf = new IdentityHashMap<>();
    for (RepoSnapshot s : sources) {
      s.candidates().forEach(c -> repodataOf.put(c, s.repodata()));
    }
    tree.prepareStaging();
    int count = 0;
    int done = 0;
    List<String> archNevras = new ArrayList<>();
    Map<String, List<PlacedPackage>> placed = new LinkedHashMap<>();
    Map<String, RepositoryWriter> writers = new LinkedHashMap<>();
    ComposeIdentity identity = ComposeIdentity.test(job.composeId(), LocalDate.now(ZoneOffset.UTC));
    try {
      try {
        for (String arch : job.arches()) {
          log.phase("writing the " + arch + " repository", 30 + 60 * done++ / job.arches().size());
          List<Candidate> packages = chosen.getOrDefault(arch, List.of());
          packages.forEach(c -> archNevras.add(arch + " " + c.nevra()));
          List<Path> files = fetcher.materialize(packages, tree.downloads());
          RepositoryWriter writer = new RepositoryWriter(tree.stagingRepository(arch));
          writers.put(arch, writer);
          // A file that is what its source's metadata describes (verified on download, or a local
          // file with the recorded size and modification time, as createrepo_c --update trusts
          // it) gets its repodata entries copied from that metadata; the others have their
          // headers read and their payload hashed. The metadata files are written meanwhile.
          long start = System.nanoTime();
          List<RpmPackage> written = writer.addPackages(files, sourceEntries(packages, repodataOf));
          List<PlacedPackage> inArch = new ArrayList<>(written.size());
          for (int i = 0; i < written.size(); i++) {
            String href = RepositoryWriter.hrefFor(files.get(i).getFileName().toString());
            inArch.add(PlacedPackage.inRepository(arch, written.get(i).identityOnly(), href));
          }
          placed.put(arch, inArch);
          log.info(
              arch
                  + ": "
                  + files.size()
                  + " packages placed in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms ("
                  + writer.copiedFromSource()
                  + " with repodata entries copied from the source metadata, "
                  + writer.readFromHeaders()
                  + " read from headers)");
          count += files.size();
        }
      } finally {
        deleteTree(tree.downloads());
      }
      // The compose metadata needs only what was placed: written while the repodata is finished.
      CompletableFuture<Void> metadata =
          CompletableFuture.runAsync(
              () -> {
                try {
                  ComposeMetadata.write(ComposeMetadata.directory(tree), identity, placed);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              RepoComposeBuilder::daemon);
      try {
        for (var w : writers.entrySet()) {
          long start = System.nanoTime();
          w.getValue().finish();
          log.info(
              w.getKey()
                  + ": repodata written, "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms after the last package was placed");
        }
      } finally {
        join(metadata);
      }
      log.info("Wrote compose metadata for " + identity.composeId());
    } finally {
      for (RepositoryWriter w : writers.values()) {
        w.close(); // an unfinished one, after a failure
      }
    }
    String resultRepo = targetDirUrl + tree.name() + "/compose/Temporary";
    RepoFile.write(tree.stagingRepoFile(), tree.name(), resultRepo);
    int written = count;
    LOG.info(() -> "Compose " + job.composeId() + ": " + written + " packages written");
    return new BuiltCompose(
        revisionAsEvent(sources.get(0).revision()),
        String.join(" ", sources.stream().map(s -> String.valueOf(s.fingerprint())).toList()),
        count,
        archNevras,
        identity.composeId());
  }

  /**
   * What the sources' metadata say about each package (null where they give no sha256, repodata's
   * checksum). A local file's entries are copied from its source's metadata while it is unchanged;
   * a downloaded file was checked against the checksum, its header is read from the local copy
   * (cheaper than fetching the remote metadata again).
   */
  private static List<SourceEntry> sourceEntries(
      List<Candidate> packages, Map<Candidate, SourceRepodata> repodataOf) {
    List<SourceEntry> entries = new ArrayList<>(packages.size());
    for (Candidate c : packages) {
      SourceRepodata repodata = repodataOf.get(c);
      if (c.checksum() == null || !"sha256".equalsIgnoreCase(c.checksumType())) {
        entries.add(null);
        continue;
      }
      Nevra n = c.nevra();
      SourceEntry e =
          SourceEntry.ifUnchanged(
              repodata,
              c.checksum(),
              n.name(),
              Long.toString(n.epoch()),
              n.version(),
              n.release(),
              n.arch(),
              c.sourcerpm(),
              c.size(),
              c.fileTime());
      entries.add(YumRepositories.isRemote(c) ? e.asVerified().withoutRepodata() : e);
    }
    return entries;
  }

  /** The fingerprint of the job's sources (reuse compares it), from their repomd.xml only. */
  String fingerprint(GenerationJob job) throws GenerationException, IOException {
    PackageFetcher fetcher = new PackageFetcher();
    List<String> prints = new ArrayList<>();
    for (String token : job.source().split("\\s+")) {
      RepoLocation location = location(token, "source repository");
      try {
        prints.add(YumRepositories.fingerprint(location, fetcher.http()));
      } catch (NoSuchFileException | FileNotFoundException e) {
        throw new GenerationException(notARepository(token, "source repository", e), e);
      }
    }
    return String.join(" ", prints);
  }

  private Map<String, List<Candidate>> selected(
      GenerationJob job, List<Candidate> candidates, PackageFetcher fetcher, GenerationLog log)
      throws GenerationException, IOException {
    log.phase("selecting packages", 20);
    SelectionRequest.Builder request =
        SelectionRequest.forArches(job.arches())
            .packages(job.packages())
            .multilib(Set.copyOf(job.multilibArches()), job.multilibMethod())
            .sigkeys(job.sigkeys())
            .noDeps(job.hasFlag(ComposeFlag.NO_DEPS))
            .checkDeps(job.hasFlag(ComposeFlag.CHECK_DEPS));
    for (String arch : job.arches()) {
      List<Candidate> lookaside = new ArrayList<>();
      for (String repo : job.lookasideRepos()) {
        String resolved = repo.replace("$basearch", arch);
        RepoSnapshot snapshot = read(resolved, "lookaside repository", fetcher);
        log.info(
            "Lookaside "
                + RepoLocation.redact(resolved)
                + ": "
                + snapshot.candidates().size()
                + " packages");
        lookaside.addAll(snapshot.candidates());
      }
      request.lookaside(arch, lookaside);
    }
    Selection selection;
    try {
      selection = Selector.select(candidates, request.build());
    } catch (SelectionException e) {
      throw new GenerationException(e.getMessage(), e);
    }
    Map<String, List<Candidate>> byArch = new LinkedHashMap<>();
    for (String arch : job.arches()) {
      byArch.put(arch, selection.packages(arch).stream().map(p -> p.candidate()).toList());
      log.info(arch + ": selected " + byArch.get(arch).size() + " packages");
    }
    selection.unmetRequirements().forEach(u -> log.info("unresolved: " + u));
    selection.warnings().forEach(w -> log.info("warning: " + w));
    return byArch;
  }

  /** A regeneration: exactly the NEVRAs the original compose had, per arch. */
  private static Map<String, List<Candidate>> pinned(
      GenerationJob job, List<Candidate> candidates, GenerationLog log) throws GenerationException {
    log.phase("selecting the packages of the original compose", 20);
    Map<String, Candidate> byNevra = new LinkedHashMap<>();
    candidates.forEach(c -> byNevra.putIfAbsent(c.nevra().toString(), c));
    Map<String, List<Candidate>> byArch = new LinkedHashMap<>();
    Set<String> missing = new TreeSet<>();
    for (String line : job.pinnedPackages()) {
      String[] archNevra = line.split(" ", 2);
      Candidate c = byNevra.get(archNevra[1]);
      if (c == null) {
        missing.add(archNevra[1]);
      } else {
        byArch.computeIfAbsent(archNevra[0], a -> new ArrayList<>()).add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new GenerationException(
          "the source no longer has these packages of the original compose: "
              + String.join(", ", missing));
    }
    log.info("Regenerating " + job.pinnedPackages().size() + " packages of the original compose");
    return byArch;
  }

  private RepoSnapshot read(String token, String what, PackageFetcher fetcher)
      throws GenerationException, IOException {
    RepoLocation location = location(token, what);
    AllowedRoots roots =
        new AllowedRoots(config.repoAllowedRoots(), config.repoAllowedUrlPrefixes());
    try {
      if (location instanceof RepoLocation.Local local) {
        roots.requireRepository(local.dir().toAbsolutePath().normalize());
      }
      RepoSnapshot snapshot = YumRepositories.read(location, fetcher);
      roots.requirePackages(snapshot);
      return snapshot;
    } catch (NoSuchFileException | FileNotFoundException e) {
      throw new GenerationException(notARepository(token, what, e), e);
    } catch (RefusedRepository e) {
      throw new GenerationException(
          what + " " + RepoLocation.redact(token) + ": " + e.getMessage(), e);
    }
  }

  // Local repositories must be under the allowed roots (the request was checked at submission;
  // lookaside repositories and a changed configuration are checked here).
  private RepoLocation location(String token, String what) throws GenerationException {
    RepoLocation location;
    try {
      location = RepoLocation.parse(token);
    } catch (IllegalArgumentException e) {
      throw new GenerationException(
          what + " " + RepoLocation.redact(token) + ": " + e.getMessage());
    }
    if (location instanceof RepoLocation.Remote
        && config.repoAllowedUrlPrefixes().stream().noneMatch(token::startsWith)) {
      throw new GenerationException(
          what + " " + RepoLocation.redact(token) + " is not under an allowed root");
    }
    if (location instanceof RepoLocation.Local local) {
      Path dir = local.dir().toAbsolutePath().normalize();
      if (config.repoAllowedRoots().stream().noneMatch(dir::startsWith)) {
        throw new GenerationException(what + " " + dir + " is not under an allowed root");
      }
      if (!Files.isDirectory(dir)) {
        throw new GenerationException(what + " " + dir + " does not exist");
      }
    }
    return location;
  }

  private static String notARepository(String token, String what, IOException e) {
    return RepoLocation.parse(token) instanceof RepoLocation.Local
        ? what + " " + token + " is not a yum repository (no repodata/repomd.xml)"
        : what + " " + RepoLocation.redact(token) + " cannot be read: " + e.getMessage();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var paths = Files.walk(dir)) {
        for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  private static void daemon(Runnable task) {
    Thread t = new Thread(task, "odcsj-compose-metadata");
    t.setDaemon(true);
    t.start();
  }

  private static void join(CompletableFuture<Void> task) throws IOException {
    try {
      task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while writing the compose metadata");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof UncheckedIOException u) {
        throw u.getCause();
      }
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IOException(e.getCause());
    }
  }

  // The repomd revision of a createrepo'd Koji repo is the Koji event; keep it when numeric.
  private static Long revisionAsEvent(String revision) {
    return revision != null && revision.matches("\\d{1,18}") ? Long.valueOf(revision) : null;
  }
}
