package org.odcsj.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.GenerationJob;
import org.odcsj.config.OdcsConfig;
import org.odcsj.output.ComposeTree;
import org.odcsj.output.RepoFile;
import org.odcsj.output.RepositoryWriter;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Selection;
import org.odcsj.selection.SelectionException;
import org.odcsj.selection.SelectionRequest;
import org.odcsj.selection.Selector;
import org.odcsj.source.repo.RepoCandidates;
import org.odcsj.source.repo.YumRepositoryContent;
import org.odcsj.source.repo.YumRepositoryReader;

/**
 * Builds the tree of a {@code repo} compose into the staging area: reads the source repositories,
 * selects the packages (ODCS/Pungi rules: packages, arches, multilib, sigkeys, dependencies,
 * lookaside), writes one repository per arch with fresh repodata, and the .repo file.
 */
@ApplicationScoped
public class RepoComposeBuilder {

  private static final Logger LOG = Logger.getLogger(RepoComposeBuilder.class.getName());

  @Inject OdcsConfig config;

  BuiltCompose build(GenerationJob job, ComposeTree tree, String targetDirUrl, GenerationLog log)
      throws GenerationException, IOException {
    log.phase("reading source repositories", 5);
    List<Candidate> candidates = new ArrayList<>();
    List<YumRepositoryContent> sources = new ArrayList<>();
    for (String token : job.source().split("\\s+")) {
      YumRepositoryContent content = read(Path.of(token), "source repository");
      log.info(
          "Read "
              + content.packages().size()
              + " packages from "
              + token
              + " (revision "
              + content.repository().revision()
              + ")");
      sources.add(content);
      candidates.addAll(RepoCandidates.of(content));
    }
    Map<String, List<Candidate>> chosen =
        job.pinned() ? pinned(job, candidates, log) : selected(job, candidates, log);
    tree.prepareStaging();
    int count = 0;
    int done = 0;
    List<String> archNevras = new ArrayList<>();
    for (String arch : job.arches()) {
      log.phase("writing the " + arch + " repository", 30 + 60 * done++ / job.arches().size());
      RepositoryWriter writer = new RepositoryWriter(tree.stagingRepository(arch));
      List<Candidate> packages = chosen.getOrDefault(arch, List.of());
      packages.forEach(c -> archNevras.add(arch + " " + c.nevra()));
      List<Path> files = packages.stream().map(c -> Path.of(c.location())).toList();
      writer.addPackages(files); // headers are read in parallel
      writer.finish();
      log.info(arch + ": " + files.size() + " packages, repodata written");
      count += files.size();
    }
    String resultRepo = targetDirUrl + tree.name() + "/compose/Temporary";
    RepoFile.write(tree.stagingRepoFile(), tree.name(), resultRepo);
    int written = count;
    LOG.info(() -> "Compose " + job.composeId() + ": " + written + " packages written");
    var first = sources.get(0).repository();
    return new BuiltCompose(
        revisionAsEvent(first.revision()),
        String.join(
            " ", sources.stream().map(s -> String.valueOf(s.repository().fingerprint())).toList()),
        count,
        archNevras);
  }

  /** The fingerprint of the job's sources (reuse compares it), from their repomd.xml only. */
  String fingerprint(GenerationJob job) throws GenerationException, IOException {
    List<String> prints = new ArrayList<>();
    for (String token : job.source().split("\\s+")) {
      Path dir = Path.of(token);
      if (!Files.isDirectory(dir)) {
        throw new GenerationException("source repository " + dir + " does not exist");
      }
      try {
        prints.add(YumRepositoryReader.fingerprint(dir));
      } catch (NoSuchFileException | java.io.FileNotFoundException e) {
        throw new GenerationException(
            "source repository " + dir + " is not a yum repository (no repodata/repomd.xml)", e);
      }
    }
    return String.join(" ", prints);
  }

  private Map<String, List<Candidate>> selected(
      GenerationJob job, List<Candidate> candidates, GenerationLog log)
      throws GenerationException, IOException {
    Selection selection = select(job, candidates, log);
    Map<String, List<Candidate>> byArch = new LinkedHashMap<>();
    for (String arch : job.arches()) {
      byArch.put(arch, selection.packages(arch).stream().map(p -> p.candidate()).toList());
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
    List<String> missing = new ArrayList<>();
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
              + String.join(", ", new java.util.TreeSet<>(missing)));
    }
    log.info("Regenerating " + job.pinnedPackages().size() + " packages of the original compose");
    return byArch;
  }

  private Selection select(GenerationJob job, List<Candidate> candidates, GenerationLog log)
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
        YumRepositoryContent content = read(lookasidePath(resolved), "lookaside repository");
        log.info("Lookaside " + resolved + ": " + content.packages().size() + " packages");
        lookaside.addAll(RepoCandidates.of(content));
      }
      request.lookaside(arch, lookaside);
    }
    Selection selection;
    try {
      selection = Selector.select(candidates, request.build());
    } catch (SelectionException e) {
      throw new GenerationException(e.getMessage(), e);
    }
    for (String arch : job.arches()) {
      log.info(arch + ": selected " + selection.packages(arch).size() + " packages");
    }
    selection.unmetRequirements().forEach(u -> log.info("unresolved: " + u));
    selection.warnings().forEach(w -> log.info("warning: " + w));
    return selection;
  }

  // Lookaside repositories are local for now (absolute paths or file: URLs under the allowed
  // roots); remote ones need the HTTP source.
  private Path lookasidePath(String repo) throws GenerationException {
    String path = repo.startsWith("file://") ? repo.substring("file://".length()) : repo;
    Path p = Path.of(path).normalize();
    if (!p.isAbsolute() || config.repoAllowedRoots().stream().noneMatch(p::startsWith)) {
      throw new GenerationException(
          "lookaside repository " + repo + " is not a local path under an allowed root");
    }
    return p;
  }

  private static YumRepositoryContent read(Path dir, String what)
      throws GenerationException, IOException {
    if (!Files.isDirectory(dir)) {
      throw new GenerationException(what + " " + dir + " does not exist");
    }
    try {
      return YumRepositoryReader.readWithDetails(dir);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new GenerationException(
          what + " " + dir + " is not a yum repository (no repodata/repomd.xml)", e);
    }
  }

  // The repomd revision of a createrepo'd Koji repo is the Koji event; keep it when numeric.
  private static Long revisionAsEvent(String revision) {
    return revision != null && revision.matches("\\d{1,18}") ? Long.valueOf(revision) : null;
  }
}
