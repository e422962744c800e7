package org.odcsj.rpm.cache;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Files by name under one directory, fanned out by the name's first two characters so no directory
 * holds more than a few thousand entries. A file is written under a temporary name and renamed into
 * place, so a reader (another thread, another instance on the same volume) never sees half of one;
 * its modification time is the last time it was used, which the sweep goes by.
 */
final class CacheDirectory {

  private static final String TEMP_PREFIX = ".tmp-";
  private static final String IDENTITY = "cache-identity";

  private final Path root;

  CacheDirectory(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  Optional<byte[]> read(String name, Instant now) throws IOException {
    Path file = pathOf(name);
    try {
      byte[] bytes = Files.readAllBytes(file);
      touch(file, now);
      return Optional.of(bytes);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  void write(String name, byte[] bytes) throws IOException {
    Path file = pathOf(name);
    Files.createDirectories(file.getParent());
    Path temp = file.resolveSibling(TEMP_PREFIX + UUID.randomUUID());
    try {
      Files.write(temp, bytes);
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  void delete(String name) throws IOException {
    Files.deleteIfExists(pathOf(name));
  }

  /** Deletes the files last used before {@code cutoff} (and stale temporary files); counts them. */
  int sweep(Instant cutoff) throws IOException {
    if (!Files.isDirectory(root)) {
      return 0;
    }
    int deleted = 0;
    try (DirectoryStream<Path> fans = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path fan : fans) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(fan)) {
          for (Path file : files) {
            try {
              if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)
                  && Files.deleteIfExists(file)) {
                deleted++;
              }
            } catch (NoSuchFileException e) {
              // swept by another instance at the same time
            }
          }
        }
      }
    }
    return deleted;
  }

  private Path pathOf(String name) {
    if (name.length() < 3 || !name.chars().allMatch(CacheDirectory::safe)) {
      throw new IllegalArgumentException("not a cache entry name: " + name);
    }
    return root.resolve(name.substring(0, 2)).resolve(name);
  }

  private static boolean safe(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
  }

  /**
   * The directory's identity: a random id kept in a file at its root, made when missing. Deleting
   * the directory (how an operator empties the cache) gives it a new identity, so whoever keeps
   * entries of it elsewhere can tell that they are gone.
   */
  String identity() throws IOException {
    Path file = root.resolve(IDENTITY);
    try {
      return Files.readString(file);
    } catch (NoSuchFileException e) {
      Files.createDirectories(root);
      Path temp = root.resolve(TEMP_PREFIX + UUID.randomUUID());
      try {
        Files.writeString(temp, UUID.randomUUID().toString());
        try {
          // not replacing: when another instance made one at the same time, theirs stands
          Files.createLink(file, temp);
        } catch (java.nio.file.FileAlreadyExistsException another) {
          // read below
        }
      } finally {
        Files.deleteIfExists(temp);
      }
      return Files.readString(file);
    }
  }

  /** Marks an entry used at {@code now}; a missing one stays missing. */
  void touch(String name, Instant now) {
    touch(pathOf(name), now);
  }

  private static void touch(Path file, Instant now) {
    try {
      Files.setLastModifiedTime(file, FileTime.from(now));
    } catch (IOException e) {
      // A read-only volume still serves; the sweep then goes by the write time.
    }
  }
}
