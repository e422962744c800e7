package org.odcsj.source.rawconfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.odcsj.source.SourceFailure;

/**
 * Checks a raw config out: clones its repository bare with JGit (no git binary) into {@code
 * <work>/raw_config_repo}, then writes the files of the commit — only those under the entry's
 * {@code path}, relative to it — into the work directory, as ODCS copies its checkout. A file over
 * {@link #MAX_FILE_BYTES} or a checkout over {@link #MAX_TOTAL_BYTES} is refused; symbolic links
 * and submodules are skipped, so nothing written leaves the work directory.
 */
final class ConfigCheckout {

  static final long MAX_FILE_BYTES = 16L * 1024 * 1024;
  static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;
  private static final int TIMEOUT_SECONDS = 120;

  private ConfigCheckout() {}

  /** The commit checked out (its full hash). */
  static String checkout(String url, String commitish, String path, Path work)
      throws SourceFailure {
    Path clone = work.resolve("raw_config_repo");
    try (Git git =
        Git.cloneRepository()
            .setURI(url)
            .setDirectory(clone.toFile())
            .setBare(true)
            .setCloneAllBranches(true)
            .setTimeout(TIMEOUT_SECONDS)
            .call()) {
      return export(git.getRepository(), commitish, prefix(path), work, url);
    } catch (GitAPIException | org.eclipse.jgit.errors.TransportException e) {
      throw new SourceFailure(
          "Cannot clone raw config " + url + ": " + SourceFailure.innermostMessage(e), e);
    } catch (IOException e) {
      throw new SourceFailure(
          "Cannot read raw config " + url + " at " + commitish + ": " + e.getMessage(), e);
    } finally {
      RawConfigFiles.deleteQuietly(clone);
    }
  }

  private static String prefix(String path) throws SourceFailure {
    if (path == null || path.isEmpty() || path.equals(".") || path.equals("/")) {
      return "";
    }
    String clean = path.replaceAll("^/+|/+$", "");
    for (String part : clean.split("/")) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        throw new SourceFailure("raw config path " + path + " is not a plain sub-directory");
      }
    }
    return clean + "/";
  }

  private static String export(
      Repository repository, String commitish, String prefix, Path work, String url)
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
      throw new SourceFailure(commitish + " is no branch, tag or commit of " + url);
    }
    long total = 0;
    try (RevWalk walk = new RevWalk(repository);
        TreeWalk tree = new TreeWalk(repository)) {
      tree.addTree(walk.parseCommit(id).getTree());
      tree.setRecursive(true);
      while (tree.next()) {
        String name = tree.getPathString();
        if (!name.startsWith(prefix) || !isFile(tree.getFileMode(0))) {
          continue;
        }
        Path target = work.resolve(name.substring(prefix.length())).normalize();
        if (!target.startsWith(work) || target.startsWith(work.resolve("raw_config_repo"))) {
          continue;
        }
        var loader = repository.open(tree.getObjectId(0));
        if (loader.getSize() > MAX_FILE_BYTES) {
          throw new SourceFailure(
              "raw config file " + name + " is larger than " + MAX_FILE_BYTES + " bytes");
        }
        total += loader.getSize();
        if (total > MAX_TOTAL_BYTES) {
          throw new SourceFailure("raw config is larger than " + MAX_TOTAL_BYTES + " bytes");
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = loader.openStream();
            OutputStream out = Files.newOutputStream(target)) {
          in.transferTo(out);
        }
        if (tree.getFileMode(0) == FileMode.EXECUTABLE_FILE) {
          target.toFile().setExecutable(true, true);
        }
      }
    }
    return id.name();
  }

  private static boolean isFile(FileMode mode) {
    return mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE;
  }
}
