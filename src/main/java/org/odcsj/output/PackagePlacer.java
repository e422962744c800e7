package org.odcsj.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts an RPM at {@code Packages/<first letter>/<file name>} under a repository: a hard link when
 * source and tree share a filesystem (instant, no extra space), a copy otherwise. Never overwrites:
 * an existing file there must have the same content.
 */
final class PackagePlacer {
  private final Path osDir;
  private final Set<Path> directories = ConcurrentHashMap.newKeySet();

  PackagePlacer(Path osDir) {
    this.osDir = osDir;
  }

  /** The href (relative to the repository root) a file of this name gets. */
  static String hrefFor(String fileName) {
    String letter = fileName.substring(0, 1).toLowerCase(Locale.ROOT);
    return "Packages/" + letter + "/" + fileName;
  }

  /**
   * Places {@code rpm} at {@code href}. The very same content already there (added twice) is fine;
   * different content is a {@link FileAlreadyExistsException}.
   */
  void place(Path rpm, String href) throws IOException {
    // link(2) does not follow symlinks: link the file itself, not a (maybe relative) symlink.
    placeFile(rpm.toRealPath(), href);
  }

  /**
   * Like {@link #place}, for a {@code source} that is not a symbolic link (its directories may be).
   * Thread-safe.
   */
  void placeFile(Path source, String href) throws IOException {
    Path target = osDir.resolve(href);
    Path dir = target.getParent();
    if (!directories.contains(dir)) {
      Files.createDirectories(dir);
      directories.add(dir);
    }
    if (linked(source, target)) {
      return;
    }
    // Another filesystem (EXDEV): copy aside, then link in — rename(2) would replace silently.
    Path temp = Files.createTempFile(target.getParent(), ".placing-", ".rpm");
    try {
      Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
      if (!linked(temp, target)) {
        Files.move(temp, target); // no hard links at all there; fails if the target exists
      }
    } catch (FileAlreadyExistsException e) {
      requireSameContent(source, target);
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Hard-links, true when done or when the same content is already there; false: cannot link. */
  private static boolean linked(Path source, Path target) throws IOException {
    try {
      Files.createLink(target, source);
      return true;
    } catch (FileAlreadyExistsException e) {
      requireSameContent(source, target);
      return true;
    } catch (FileSystemException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** Nothing is ever overwritten: the existing file must have the same bytes. */
  private static void requireSameContent(Path rpm, Path existing) throws IOException {
    if (!Files.isSameFile(rpm, existing) && !sameBytes(rpm, existing)) {
      throw new FileAlreadyExistsException(
          existing.toString(), rpm.toString(), "a different file of that name is already placed");
    }
  }

  private static boolean sameBytes(Path a, Path b) throws IOException {
    if (Files.size(a) != Files.size(b)) {
      return false;
    }
    try (InputStream x = Files.newInputStream(a);
        InputStream y = Files.newInputStream(b)) {
      byte[] bx = new byte[1 << 16];
      byte[] by = new byte[1 << 16];
      int n;
      while ((n = x.readNBytes(bx, 0, bx.length)) > 0) {
        if (y.readNBytes(by, 0, n) != n || !Arrays.equals(bx, 0, n, by, 0, n)) {
          return false;
        }
      }
      return true;
    }
  }
}
