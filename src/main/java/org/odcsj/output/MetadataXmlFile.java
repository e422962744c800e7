package org.odcsj.output;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;

/**
 * One gzipped metadata file (primary, filelists or other) being written: the root element, then
 * {@code <package>} entries as ready UTF-8 bytes (rendered by a {@link PackageXml} or copied from a
 * source repository), measured on the way for repomd.xml and named {@code <sha256>-<type>.xml.gz}
 * when finished. One thread writes one file; the three files of a repository can be written by
 * three threads at once.
 */
final class MetadataXmlFile implements Closeable {
  private final Path dir;
  private final RepodataType type;
  private final Path temp;
  private final MeasuredOutputStream compressed;
  private final MeasuredOutputStream open;
  private final BufferedOutputStream sink;
  private boolean finished;

  MetadataXmlFile(Path dir, RepodataType type, int packages) throws IOException {
    this.dir = dir;
    this.type = type;
    this.temp = dir.resolve(type.type() + ".xml.gz");
    this.compressed =
        new MeasuredOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
    this.open = new MeasuredOutputStream(new GZIPOutputStream(compressed, 1 << 16));
    this.sink = new BufferedOutputStream(open, 1 << 16);
    sink.write(type.head(packages));
  }

  /** Appends one {@code <package>…</package>\n} entry. */
  void writeEntry(byte[] entry, int offset, int length) throws IOException {
    sink.write(entry, offset, length);
  }

  /** Ends the document, closes the file and renames it after its checksum. */
  RepomdRecord finish() throws IOException {
    finished = true;
    try {
      sink.write(type.tail());
    } finally {
      sink.close(); // the rest of the chain: gzip trailer, then the file
    }
    String checksum = compressed.sha256();
    String name = checksum + "-" + type.type() + ".xml.gz";
    Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    return new RepomdRecord(
        type.type(), checksum, open.sha256(), compressed.size(), open.size(), "repodata/" + name);
  }

  /** Abandons an unfinished file. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      finished = true;
      try {
        sink.close();
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }
}
