package org.odcsj.source.repo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.odcsj.selection.Candidate;

/**
 * The directories a local repository's files must really be in ({@code odcs.repo.allowed-roots}).
 * Paths are compared after resolving symbolic links, so a link inside an allowed repository that
 * points elsewhere ({@code Packages/x.rpm -> /etc/shadow}, {@code repodata -> /home/…}) is refused
 * by name instead of followed. A compose then fails rather than leaving the package out: a compose
 * silently missing a package the repository lists is worse than one that says why it cannot be
 * made.
 *
 * <pre>
 * AllowedRoots roots = new AllowedRoots(List.of(Path.of("/srv/repos")), List.of());
 * roots.requireRepository(dir);         // before reading: the directory and its repodata/
 * roots.requirePackages(snapshot);      // after: every package file primary names
 * </pre>
 */
public final class AllowedRoots {
  private final List<Path> roots;
  private final List<String> urlPrefixes;

  /**
   * Local roots and the {@code http(s)://} prefixes a remote repository's packages must be under.
   */
  public AllowedRoots(List<Path> roots, List<String> urlPrefixes) {
    this.roots = roots.stream().map(AllowedRoots::real).toList();
    this.urlPrefixes = List.copyOf(urlPrefixes);
  }

  /** The repository directory, its {@code repodata/} and every file in it. */
  public void requireRepository(Path repoDir) throws IOException {
    requireInside(repoDir, "repository " + repoDir);
    Path repodata = repoDir.resolve("repodata");
    if (!Files.exists(repodata)) {
      return; // reading it reports "not a yum repository"
    }
    requireInside(repodata, "metadata directory " + repodata);
    try (Stream<Path> files = Files.list(repodata)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        requireInside(file, "metadata file " + file);
      }
    }
  }

  /**
   * Every package of a snapshot: a local file under a root (links resolved), a remote package's URL
   * — which {@code xml:base} may point anywhere — under an allowed URL prefix.
   */
  public void requirePackages(RepoSnapshot snapshot) throws IOException {
    boolean local = snapshot.location() instanceof RepoLocation.Local;
    for (Candidate c : snapshot.candidates()) {
      if (local) {
        requireInside(Path.of(c.location()), "package file " + c.location());
      } else if (urlPrefixes.stream().noneMatch(c.location()::startsWith)) {
        throw new RefusedRepository(
            "package "
                + c.location()
                + " (located by xml:base) is outside the allowed roots"
                + " (odcs.repo.allowed-roots); refused");
      }
    }
  }

  /**
   * {@code path}, symbolic links resolved, must be under a root; a missing file is left to the
   * reader, which names it.
   */
  void requireInside(Path path, String what) throws IOException {
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException missing) {
      real = path.toAbsolutePath().normalize();
    }
    for (Path root : roots) {
      if (real.startsWith(root)) {
        return;
      }
    }
    Path plain = path.toAbsolutePath().normalize();
    throw new RefusedRepository(
        what
            + (real.equals(plain) ? "" : " is a symbolic link to " + real + ", which")
            + " is outside the allowed roots (odcs.repo.allowed-roots); refused");
  }

  private static Path real(Path root) {
    try {
      return root.toRealPath();
    } catch (IOException notThere) {
      return root.toAbsolutePath().normalize();
    }
  }
}
