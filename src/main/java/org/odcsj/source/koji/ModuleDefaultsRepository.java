package org.odcsj.source.koji;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.odcsj.modulemd.ModuleDefaults;
import org.odcsj.modulemd.ModulemdDocuments;
import org.odcsj.modulemd.ModulemdException;
import org.odcsj.source.SourceFailure;

/**
 * The {@code modulemd-defaults} documents of a compose's modules, from the git repository its
 * request names ({@code module_defaults_url} at {@code module_defaults_commit}, a branch, tag or
 * commit): the {@code *.yaml} files at the top of that commit's tree, as Pungi reads a defaults
 * directory. Cloned bare with JGit (no git binary) into a temporary directory removed afterwards;
 * only URLs under the allowed prefixes, files over {@link #MAX_FILE_BYTES} refused.
 */
final class ModuleDefaultsRepository {

  static final long MAX_FILE_BYTES = 8L * 1024 * 1024;
  private static final int TIMEOUT_SECONDS = 120;

  private final List<String> allowedPrefixes;

  ModuleDefaultsRepository(List<String> allowedPrefixes) {
    this.allowedPrefixes = List.copyOf(allowedPrefixes);
  }

  boolean allowed(String url) {
    return allowedPrefixes.stream().anyMatch(url::startsWith) && !url.contains("..");
  }

  /** The defaults of the {@code modules} named, read at {@code commitish}. */
  List<ModuleDefaults> read(String url, String commitish, Set<String> modules)
      throws SourceFailure {
    if (!allowed(url)) {
      throw new SourceFailure(
          "module_defaults_url " + url + " is not under an allowed prefix " + allowedPrefixes);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("odcs-module-defaults");
      try (Git git =
          Git.cloneRepository()
              .setURI(url)
              .setDirectory(dir.toFile())
              .setBare(true)
              .setCloneAllBranches(true)
              .setTimeout(TIMEOUT_SECONDS)
              .call()) {
        return read(git.getRepository(), commitish, modules, url);
      }
    } catch (GitAPIException | org.eclipse.jgit.errors.TransportException e) {
      throw new SourceFailure(
          "Cannot clone module defaults from " + url + ": " + SourceFailure.innermostMessage(e), e);
    } catch (IOException e) {
      throw new SourceFailure(
          "Cannot read module defaults from " + url + " at " + commitish + ": " + e.getMessage(),
          e);
    } finally {
      delete(dir);
    }
  }

  private static List<ModuleDefaults> read(
      Repository repository, String commitish, Set<String> modules, String url)
      throws IOException, SourceFailure {
    ObjectId id = null;
    for (String candidate :
        List.of("refs/heads/" + commitish, "refs/tags/" + commitish, commitish)) {
      id = repository.resolve(candidate + "^{commit}");
      if (id != null) {
        break;
      }
    }
    if (id == null) {
      throw new SourceFailure(
          "module_defaults_commit " + commitish + " is no branch, tag or commit of " + url);
    }
    List<ModuleDefaults> defaults = new ArrayList<>();
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      RevCommit commit = walk.parseCommit(id);
      tree.addTree(commit.getTree());
      tree.setRecursive(false);
      while (tree.next()) {
        String name = tree.getPathString();
        if (tree.isSubtree() || !name.endsWith(".yaml")) {
          continue;
        }
        ObjectLoader blob = repository.open(tree.getObjectId(0));
        if (blob.getSize() > MAX_FILE_BYTES) {
          throw new SourceFailure(name + " in " + url + " is over 8 MiB");
        }
        String yaml = new String(blob.getBytes(), StandardCharsets.UTF_8);
        try {
          for (ModuleDefaults d : ModulemdDocuments.parse(yaml).defaults()) {
            if (modules.contains(d.module())) {
              defaults.add(d);
            }
          }
        } catch (ModulemdException e) {
          throw new SourceFailure(
              name + " in " + url + " at " + commitish + " is invalid: " + e.getMessage());
        }
      }
    }
    defaults.sort(Comparator.comparing(ModuleDefaults::module));
    return defaults;
  }

  private static void delete(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // A temporary directory: the system's cleanup takes what is left.
    }
  }
}
