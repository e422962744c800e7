package org.odcsj.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.zip.GZIPOutputStream;

/**
 * A metadata file beside primary/filelists/other, as {@code modifyrepo_c --mdtype=<type>} adds it:
 * gzip-compressed, named {@code <sha256>-<name>.gz}, listed in repomd.xml under {@code type} (e.g.
 * {@code modules} for {@code modules.yaml}).
 */
public record ExtraMetadataFile(String type, String name, Content content) {

  /** Writes the uncompressed bytes. */
  @FunctionalInterface
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  public ExtraMetadataFile {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(content, "content");
    if (!type.matches("[a-z_]+") || !name.matches("[a-z_.]+")) {
      throw new IllegalArgumentException("not a metadata type or file name: " + type + ", " + name);
    }
  }

  RepomdRecord writeInto(Path dir) throws IOException {
    Path temp = Files.createTempFile(dir, "." + type, ".tmp");
    try {
      MeasuredOutputStream compressed = new MeasuredOutputStream(Files.newOutputStream(temp));
      MeasuredOutputStream open =
          new MeasuredOutputStream(new GZIPOutputStream(compressed, 1 << 16));
      try (open) {
        content.writeTo(open);
      }
      String checksum = compressed.sha256();
      String fileName = checksum + "-" + name + ".gz";
      Files.move(temp, dir.resolve(fileName), StandardCopyOption.ATOMIC_MOVE);
      return new RepomdRecord(
          type, checksum, open.sha256(), compressed.size(), open.size(), "repodata/" + fileName);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
