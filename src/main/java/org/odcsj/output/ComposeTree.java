package org.odcsj.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The on-disk tree of one compose under the target directory. It is built in a hidden staging
 * directory on the same filesystem and renamed into place, so a half-written compose is never
 * visible under {@code odcs-<id>}.
 */
public final class ComposeTree {

  /** Hidden directory of in-progress builds; never served. */
  public static final String STAGING_DIR = ".staging";

  private final Path targetDir;
  private final long composeId;
  private final int attempt;

  public ComposeTree(Path targetDir, long composeId) {
    this(targetDir, composeId, 0);
  }

  /**
   * The tree of generation attempt {@code attempt} (0: none recorded): each attempt builds in its
   * own staging directory, so an attempt taken for dead that still runs never writes into, nor
   * discards, the staging tree of the attempt that replaced it.
   */
  public ComposeTree(Path targetDir, long composeId, int attempt) {
    this.targetDir = targetDir;
    this.composeId = composeId;
    this.attempt = attempt;
  }

  public static String name(long composeId) {
    return "odcs-" + composeId;
  }

  public String name() {
    return name(composeId);
  }

  /** The published top-level directory ({@code toplevel_url}). */
  public Path published() {
    return targetDir.resolve(name());
  }

  public Path latestLink() {
    return targetDir.resolve("latest-" + name() + "-1");
  }

  public Path staging() {
    return targetDir.resolve(STAGING_DIR).resolve(stagingName());
  }

  private String stagingName() {
    return attempt == 0 ? name() : name() + ".attempt-" + attempt;
  }

  /** {@code <staging>/compose/Temporary/<arch>/os}: one repository per arch. */
  public Path stagingRepository(String arch) {
    return stagingTemporary().resolve(arch).resolve("os");
  }

  public Path stagingTemporary() {
    return staging().resolve("compose").resolve("Temporary");
  }

  public Path stagingRepoFile() {
    return stagingTemporary().resolve(name() + ".repo");
  }

  /**
   * The generation log. It lives beside the tree while the compose generates (so it can be followed
   * before the tree is published) and is linked into the tree as {@code compose/logs/odcs.log} and
   * {@code pungi-stderr.log} (where the ODCS client looks) on publish.
   */
  public Path log() {
    return targetDir.resolve(LOGS_DIR).resolve(name() + ".log");
  }

  /**
   * A log of an external command of the compose ({@code pungi-stdout.log}, ...), kept beside the
   * tree like {@link #log()}: served as {@code odcs-<id>/<name>} while the compose generates and
   * after it failed, linked into the tree on publish.
   */
  public static Path sideLog(Path targetDir, String composeName, String name) {
    if (!name.matches("[a-z][a-z.-]*\\.log")) {
      throw new IllegalArgumentException("not a side log name: " + name);
    }
    return targetDir.resolve(LOGS_DIR).resolve(composeName + "." + name);
  }

  /** The side logs {@link #sideLog} may name (published and deleted with the compose). */
  public static final java.util.List<String> SIDE_LOGS =
      java.util.List.of(
          "pungi-stdout.log",
          "pungi-stderr.log",
          "pungi-config-validate-stdout.log",
          "pungi-config-validate-stderr.log");

  /** Hidden directory of generation logs. */
  public static final String LOGS_DIR = ".logs";

  /** Where remote packages are downloaded while the compose is built (same filesystem). */
  public Path downloads() {
    return targetDir.resolve(STAGING_DIR).resolve(stagingName() + ".downloads");
  }

  /** A fresh, empty staging directory (left-overs of an earlier attempt are removed). */
  public Path prepareStaging() throws IOException {
    deleteRecursively(staging());
    Files.createDirectories(staging());
    return staging();
  }

  /** Renames the staging tree into place and points {@code latest-odcs-<id>-1} at it. */
  public void publish() throws IOException {
    for (String name : SIDE_LOGS) {
      Path side = sideLog(targetDir, name(), name);
      if (Files.exists(side)) {
        Files.deleteIfExists(staging().resolve(name));
        Files.createLink(staging().resolve(name), side);
      }
    }
    if (Files.exists(log())) {
      Path logs = Files.createDirectories(staging().resolve("compose").resolve("logs"));
      Files.deleteIfExists(logs.resolve("odcs.log"));
      Files.createLink(logs.resolve("odcs.log"), log());
      if (!Files.exists(staging().resolve("pungi-stderr.log"))) {
        Files.createLink(staging().resolve("pungi-stderr.log"), log());
      }
    }
    deleteRecursively(published());
    Files.move(staging(), published(), StandardCopyOption.ATOMIC_MOVE);
    Path link = latestLink();
    Files.deleteIfExists(link);
    try {
      Files.createSymbolicLink(link, Path.of(name()));
    } catch (FileAlreadyExistsException raced) {
      // Another attempt created it meanwhile; it points at the same relative name.
    }
  }

  /** Removes the published tree and its link; harmless when they are already gone. */
  public void delete() {
    try {
      Files.deleteIfExists(latestLink());
      deleteRecursively(published());
      Files.deleteIfExists(log());
      for (String name : SIDE_LOGS) {
        Files.deleteIfExists(sideLog(targetDir, name(), name));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + published(), e);
    }
  }

  /**
   * Removes the links to this compose in {@code <target>/<subdir>/} (a raw_config compose's {@code
   * <compose_type>} directory: its pungi_compose_id and the latest links still pointing here).
   */
  public void deleteLinksIn(String subdir) {
    Path dir = targetDir.resolve(subdir).normalize();
    if (!dir.getParent().equals(targetDir.normalize()) || !Files.isDirectory(dir)) {
      return;
    }
    Path to = Path.of("..", name());
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.filter(Files::isSymbolicLink).toList()) {
        if (Files.readSymbolicLink(p).equals(to)) {
          Files.deleteIfExists(p);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot remove the links to " + name() + " in " + dir, e);
    }
  }

  public void discardStaging() {
    try {
      deleteRecursively(downloads());
      deleteRecursively(staging());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot delete " + staging(), e);
    }
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
