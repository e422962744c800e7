package org.odcsj.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the {@code <package>} entries of a repository being written wait until the package count
 * and order are final: one append-only file per metadata type, in a directory of their own. Entries
 * arrive in any order from many threads (rendered from headers, copied from a source's metadata)
 * and are read back in the repository's order, so memory holds only their positions, however large
 * the repository. {@link #close()} deletes the files.
 */
final class EntrySpill implements Closeable {
  private static final int BUFFER = 1 << 20;

  private final Path dir;
  private final Part[] parts = new Part[RepodataType.values().length];

  /** Creates the spill files in a new directory {@code parent/<prefix>…}. */
  EntrySpill(Path parent, String prefix) throws IOException {
    Files.createDirectories(parent);
    this.dir = Files.createTempDirectory(parent, prefix);
    for (RepodataType t : RepodataType.values()) {
      parts[t.ordinal()] = new Part(dir.resolve(t.type()));
    }
  }

  /** Appends an entry; returns where it starts. Thread-safe. */
  long append(RepodataType type, byte[] bytes, int offset, int length) throws IOException {
    return parts[type.ordinal()].append(bytes, offset, length);
  }

  /** Appends the concatenation of {@code pieces} (array, offset, length triples) as one entry. */
  long append(RepodataType type, Piece... pieces) throws IOException {
    return parts[type.ordinal()].append(pieces);
  }

  /** A slice of a byte array, part of an entry. */
  record Piece(byte[] bytes, int offset, int length) {}

  /**
   * Reads an entry back into {@code into} (grown when too small) and returns the array holding it
   * from index 0. Call after the last append; one reader per type at a time.
   */
  byte[] read(RepodataType type, long position, int length, byte[] into) throws IOException {
    return parts[type.ordinal()].read(position, length, into);
  }

  @Override
  public void close() throws IOException {
    try {
      for (Part p : parts) {
        if (p != null) {
          p.close();
        }
      }
    } finally {
      RepodataWriter.deleteTree(dir);
    }
  }

  /**
   * One type's file. A {@link RandomAccessFile}, not a channel: an interrupted thread (a task
   * cancelled after another failed) must not close it for the others.
   */
  private static final class Part {
    private final RandomAccessFile file;
    private final byte[] buffer = new byte[BUFFER];
    private int buffered;
    private long flushed;

    Part(Path path) throws IOException {
      this.file = new RandomAccessFile(Files.createFile(path).toFile(), "rw");
    }

    synchronized long append(byte[] bytes, int offset, int length) throws IOException {
      long at = flushed + buffered;
      put(bytes, offset, length);
      return at;
    }

    synchronized long append(Piece... pieces) throws IOException {
      long at = flushed + buffered;
      for (Piece p : pieces) {
        put(p.bytes(), p.offset(), p.length());
      }
      return at;
    }

    private void put(byte[] bytes, int offset, int length) throws IOException {
      if (buffered + length > buffer.length) {
        flush();
      }
      if (length > buffer.length) {
        file.seek(flushed);
        file.write(bytes, offset, length);
        flushed += length;
      } else {
        System.arraycopy(bytes, offset, buffer, buffered, length);
        buffered += length;
      }
    }

    private void flush() throws IOException {
      file.seek(flushed);
      file.write(buffer, 0, buffered);
      flushed += buffered;
      buffered = 0;
    }

    synchronized byte[] read(long position, int length, byte[] into) throws IOException {
      byte[] out = into.length >= length ? into : new byte[Math.max(length, into.length * 2)];
      if (position >= flushed && position + length <= flushed + buffered) {
        System.arraycopy(buffer, (int) (position - flushed), out, 0, length);
        return out;
      }
      if (position + length > flushed) {
        flush();
      }
      file.seek(position);
      file.readFully(out, 0, length);
      return out;
    }

    void close() throws IOException {
      file.close();
    }
  }
}
