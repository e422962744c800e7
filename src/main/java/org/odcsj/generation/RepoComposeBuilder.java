package org.odcsj.generation;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.odcsj.compose.GenerationJob;
import org.odcsj.output.ComposeTree;
import org.odcsj.output.RepoFile;
import org.odcsj.output.RepositoryWriter;
import org.odcsj.source.repo.SourcePackage;
import org.odcsj.source.repo.YumRepository;
import org.odcsj.source.repo.YumRepositoryReader;

/**
 * Builds the tree of a {@code repo} compose into the staging area: every binary package of the
 * source repositories, per requested arch (plus noarch), with fresh repodata and the .repo file.
 * Selection rules beyond "everything" belong to the selection engine.
 */
@ApplicationScoped
public class RepoComposeBuilder {

  private static final Logger LOG = Logger.getLogger(RepoComposeBuilder.class.getName());

  BuiltCompose build(GenerationJob job, ComposeTree tree, String targetDirUrl, GenerationLog log)
      throws GenerationException, IOException {
    log.phase("reading source repositories", 5);
    List<YumRepository> sources = new ArrayList<>();
    for (String token : job.source().split("\\s+")) {
      YumRepository repo = read(Path.of(token));
      log.info(
          "Read "
              + repo.packages().size()
              + " packages from "
              + token
              + " (revision "
              + repo.revision()
              + ")");
      sources.add(repo);
    }
    tree.prepareStaging();
    int count = 0;
    int done = 0;
    for (String arch : job.arches()) {
      log.phase("writing the " + arch + " repository", 10 + 80 * done++ / job.arches().size());
      RepositoryWriter writer = new RepositoryWriter(tree.stagingRepository(arch));
      List<Path> files = new ArrayList<>();
      for (YumRepository source : sources) {
        for (SourcePackage pkg : source.packages()) {
          if (pkg.arch().equals(arch) || pkg.arch().equals("noarch")) {
            files.add(pkg.file());
          }
        }
      }
      writer.addPackages(files); // headers are read in parallel
      writer.finish();
      log.info(
          arch + ": " + files.size() + " packages (" + arch + " and noarch), repodata written");
      count += files.size();
    }
    String resultRepo = targetDirUrl + tree.name() + "/compose/Temporary";
    RepoFile.write(tree.stagingRepoFile(), tree.name(), resultRepo);
    int written = count;
    LOG.info(() -> "Compose " + job.composeId() + ": " + written + " packages written");
    YumRepository first = sources.get(0);
    return new BuiltCompose(revisionAsEvent(first.revision()), fingerprint(sources), count);
  }

  private static YumRepository read(Path dir) throws GenerationException, IOException {
    if (!Files.isDirectory(dir)) {
      throw new GenerationException("source repository " + dir + " does not exist");
    }
    try {
      return YumRepositoryReader.read(dir);
    } catch (NoSuchFileException | java.io.FileNotFoundException e) {
      throw new GenerationException(
          "source " + dir + " is not a yum repository (no repodata/repomd.xml)", e);
    }
  }

  // The repomd revision of a createrepo'd Koji repo is the Koji event; keep it when numeric.
  private static Long revisionAsEvent(String revision) {
    return revision != null && revision.matches("\\d{1,18}") ? Long.valueOf(revision) : null;
  }

  private static String fingerprint(List<YumRepository> sources) {
    return String.join(
        " ", sources.stream().map(YumRepository::fingerprint).map(String::valueOf).toList());
  }
}
