package org.odcsj.source.rawconfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.logging.Logger;
import java.util.stream.Stream;

/** Removing the temporary directories of a raw config run. */
final class RawConfigFiles {

  private static final Logger LOG = Logger.getLogger(RawConfigFiles.class.getName());

  private RawConfigFiles() {}

  static void deleteQuietly(Path dir) {
    if (dir == null || !Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warning(() -> "Failed to remove temporary directory " + dir + ": " + e);
    }
  }
}
