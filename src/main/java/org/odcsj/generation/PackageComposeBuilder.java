package org.odcsj.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.logging.Logger;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeResult;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.GenerationJob;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.config.OdcsConfig;
import org.odcsj.modulemd.ModulemdDocuments;
import org.odcsj.output.ComposeIdentity;
import org.odcsj.output.ComposeMetadata;
import org.odcsj.output.ComposeTree;
import org.odcsj.output.ExtraMetadataFile;
import org.odcsj.output.IsoImage;
import org.odcsj.output.PlacedPackage;
import org.odcsj.output.RepoFile;
import org.odcsj.output.RepositoryWriter;
import org.odcsj.output.SourceEntry;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Nevra;
import org.odcsj.selection.Selection;
import org.odcsj.selection.SelectionException;
import org.odcsj.selection.SelectionRequest;
import org.odcsj.selection.Selector;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.PackageContent;
import org.odcsj.source.PackageSource;
import org.odcsj.source.SourceFailure;

/**
 * The one pipeline of every source that offers packages: read the source ({@link PackageSource}),
 * select the packages (ODCS/Pungi rules: packages, arches, multilib, sigkeys, dependencies,
 * lookaside — or exactly the original's NEVRAs when regenerating), get their files, write one
 * repository per arch with fresh repodata, the productmd metadata and the .repo file.
 */
@ApplicationScoped
public class PackageComposeBuilder {

  private static final Logger LOG = Logger.getLogger(PackageComposeBuilder.class.getName());

  @Inject LookasideRepos lookaside;
  @Inject OdcsConfig config;

  BuiltCompose build(
      GenerationJob job,
      PackageSource source,
      ComposeSpec resolved,
      ComposeTree tree,
      String targetDirUrl,
      GenerationLog log)
      throws GenerationException, SourceFailure, IOException {
    log.phase("reading the source", 5);
    // Closed once the files are placed: a source may hold downloads until then.
    try (PackageContent content = source.open(resolved, log, lookaside)) {
      return write(job, content, tree, targetDirUrl, log);
    }
  }

  private BuiltCompose write(
      GenerationJob job,
      PackageContent content,
      ComposeTree tree,
      String targetDirUrl,
      GenerationLog log)
      throws GenerationException, SourceFailure, IOException {
    Map<String, List<Candidate>> chosen =
        job.pinned()
            ? pinned(job, content.candidates(), log)
            : selectedAndListed(job, content, log);
    tree.prepareStaging();
    int count = 0;
    int done = 0;
    List<String> archNevras = new ArrayList<>();
    Map<String, List<PlacedPackage>> placed = new LinkedHashMap<>();
    Map<String, RepositoryWriter> writers = new LinkedHashMap<>();
    Map<String, ModulemdDocuments> modulesByArch = new LinkedHashMap<>();
    ComposeIdentity identity = ComposeIdentity.test(job.composeId(), LocalDate.now(ZoneOffset.UTC));
    try {
      try {
        for (String arch : job.arches()) {
          log.phase("writing the " + arch + " repository", 30 + 60 * done++ / job.arches().size());
          List<Candidate> packages = chosen.getOrDefault(arch, List.of());
          packages.forEach(c -> archNevras.add(arch + " " + c.nevra()));
          List<Path> files = content.files(packages, tree.downloads());
          RepositoryWriter writer = new RepositoryWriter(tree.stagingRepository(arch));
          writers.put(arch, writer);
          // A file that is what its source's metadata describes (verified on download, or a local
          // file with the recorded size and modification time, as createrepo_c --update trusts
          // it) gets its repodata entries copied from that metadata; the others have their
          // headers read and their payload hashed. The metadata files are written meanwhile.
          long start = System.nanoTime();
          List<SourceEntry> entries = new ArrayList<>(packages.size());
          packages.forEach(c -> entries.add(content.entry(c)));
          List<RpmPackage> written = writer.addPackages(files, entries);
          List<PlacedPackage> inArch = new ArrayList<>(written.size());
          for (int i = 0; i < written.size(); i++) {
            String href = RepositoryWriter.hrefFor(files.get(i).getFileName().toString());
            inArch.add(PlacedPackage.inRepository(arch, written.get(i).identityOnly(), href));
          }
          placed.put(arch, inArch);
          Set<Nevra> nevras = new HashSet<>();
          packages.forEach(c -> nevras.add(c.nevra()));
          content
              .modules(arch, nevras)
              .ifPresent(
                  modules -> {
                    modulesByArch.put(arch, modules);
                    writer.addMetadataFile(
                        new ExtraMetadataFile(
                            "modules",
                            "modules.yaml",
                            out ->
                                modules.write(
                                    new OutputStreamWriter(out, StandardCharsets.UTF_8))));
                    log.info(arch + ": " + modules.streams().size() + " module streams");
                  });
          log.info(
              arch
                  + ": "
                  + files.size()
                  + " packages placed in "
                  + (System.nanoTime() - start) / 1_000_000
                  + " ms ("
                  + writer.copiedFromSource()
                  + " with repodata entries copied from the source metadata, "
                  + (writer.fromKnownMetadata() > 0
                      ? writer.fromKnownMetadata() + " from metadata read before, "
                      : "")
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
                  if (!modulesByArch.isEmpty()) {
                    ComposeMetadata.writeModules(
                        ComposeMetadata.directory(tree).resolve(ComposeMetadata.MODULES),
                        identity,
                        modulesByArch);
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              },
              PackageComposeBuilder::daemon);
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
      if ((job.spec().results() & (ComposeResult.ISO.bit() | ComposeResult.BOOT_ISO.bit())) != 0) {
        isoImages(job, tree, identity, log);
      }
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
        content.resolvedSpec(), content.fingerprint(), count, archNevras, identity.composeId());
  }

  /**
   * The {@code iso} result (an image of each arch's finished repository) and the {@code boot.iso}
   * one (lorax's boot image of each arch), then images.json and composeinfo (which now lists the
   * isos directories).
   */
  private void isoImages(
      GenerationJob job, ComposeTree tree, ComposeIdentity identity, GenerationLog log)
      throws IOException {
    Path composeDir = ComposeMetadata.directory(tree).getParent();
    List<IsoImage> images = new ArrayList<>();
    for (String arch : job.arches()) {
      log.phase("making the " + arch + " ISO image", 95);
      if ((job.spec().results() & ComposeResult.ISO.bit()) != 0) {
        long start = System.nanoTime();
        IsoImage image = IsoImage.build(config.xorrisoCommand(), composeDir, arch, identity);
        images.add(image);
        logImage(log, image, start);
      }
      if ((job.spec().results() & ComposeResult.BOOT_ISO.bit()) != 0) {
        long start = System.nanoTime();
        // Refused at submission without a lorax command; one removed since fails here.
        String lorax =
            config
                .loraxCommand()
                .orElseThrow(() -> new IOException("boot.iso needs odcs.lorax-command"));
        IsoImage image = IsoImage.boot(lorax, composeDir, arch);
        images.add(image);
        logImage(log, image, start);
      }
    }
    Path metadata = ComposeMetadata.directory(tree);
    ComposeMetadata.writeImages(metadata.resolve(ComposeMetadata.IMAGES), identity, images);
    ComposeMetadata.writeComposeInfo(
        metadata.resolve(ComposeMetadata.COMPOSEINFO), composeDir, identity, job.arches());
  }

  private static void logImage(GenerationLog log, IsoImage image, long start) {
    log.info(
        image.arch()
            + ": ISO image "
            + image.path()
            + " ("
            + image.size()
            + " bytes) in "
            + (System.nanoTime() - start) / 1_000_000
            + " ms");
  }

  private Map<String, List<Candidate>> selected(
      GenerationJob job, PackageContent content, List<Candidate> candidates, GenerationLog log)
      throws GenerationException, SourceFailure, IOException {
    ComposeSpec spec = job.spec();
    log.phase("selecting packages", 20);
    SelectionRequest.Builder request =
        SelectionRequest.forArches(job.arches())
            .packages(SpaceJoined.items(spec.packages()))
            .multilib(Set.copyOf(SpaceJoined.items(spec.multilibArches())), spec.multilibMethod())
            .sigkeys(content.sigkeys().orElse(SpaceJoined.sigkeys(spec.sigkeys())))
            .noDeps(job.hasFlag(ComposeFlag.NO_DEPS))
            .checkDeps(job.hasFlag(ComposeFlag.CHECK_DEPS));
    for (String arch : job.arches()) {
      request.lookaside(arch, content.lookaside(arch));
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

  /**
   * What the selection chooses among the source's candidates, plus per arch what the source lists
   * itself (a module's artifacts: all placed, never chosen among).
   */
  private Map<String, List<Candidate>> selectedAndListed(
      GenerationJob job, PackageContent content, GenerationLog log)
      throws GenerationException, SourceFailure, IOException {
    Map<String, List<Candidate>> listed = new LinkedHashMap<>();
    Set<Candidate> anyListed =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    for (String arch : job.arches()) {
      List<Candidate> packages = content.listedPackages(arch);
      listed.put(arch, packages);
      anyListed.addAll(packages);
    }
    List<Candidate> selectable =
        anyListed.isEmpty()
            ? content.candidates()
            : content.candidates().stream().filter(c -> !anyListed.contains(c)).toList();
    Map<String, List<Candidate>> byArch =
        selectable.isEmpty() && !anyListed.isEmpty()
            ? new LinkedHashMap<>()
            : selected(job, content, selectable, log);
    for (String arch : job.arches()) {
      if (!listed.get(arch).isEmpty()) {
        List<Candidate> all = new ArrayList<>(byArch.getOrDefault(arch, List.of()));
        all.addAll(listed.get(arch));
        byArch.put(arch, all);
        log.info(arch + ": " + listed.get(arch).size() + " packages as the source lists them");
      }
    }
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
}
