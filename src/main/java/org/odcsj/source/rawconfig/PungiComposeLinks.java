package org.odcsj.source.rawconfig;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The links ODCS keeps to raw config composes in {@code <target>/<compose_type>/}, all relative
 * ({@code ../odcs-<id>}): {@code <pungi_compose_id>}, {@code latest-<first two fields of the id>}
 * and, with a label, {@code latest-<first two fields>-<label>}; the latest ones are replaced.
 */
final class PungiComposeLinks {

  private PungiComposeLinks() {}

  static void write(
      Path targetDir, String composeType, String composeName, String pungiComposeId, String label)
      throws IOException {
    String type = composeType == null || composeType.isEmpty() ? "test" : composeType;
    if (!type.matches("[A-Za-z0-9_.-]+") || type.startsWith(".")) {
      throw new IOException("compose type " + type + " is no directory name");
    }
    Path dir = Files.createDirectories(targetDir.resolve(type));
    Path to = Path.of("..", composeName);
    link(dir.resolve(plain(pungiComposeId)), to);
    String[] fields = pungiComposeId.split("-");
    String latest = "latest-" + (fields.length >= 2 ? fields[0] + "-" + fields[1] : pungiComposeId);
    link(dir.resolve(plain(latest)), to);
    if (label != null && !label.isEmpty()) {
      link(dir.resolve(plain(latest + "-" + label)), to);
    }
  }

  private static String plain(String name) throws IOException {
    if (name.isEmpty() || name.contains("/") || name.startsWith(".") || name.contains("\0")) {
      throw new IOException("Cannot link " + name + ": not a plain file name");
    }
    return name;
  }

  private static void link(Path link, Path to) throws IOException {
    Files.deleteIfExists(link);
    try {
      Files.createSymbolicLink(link, to);
    } catch (FileAlreadyExistsException raced) {
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, to);
    }
  }
}
