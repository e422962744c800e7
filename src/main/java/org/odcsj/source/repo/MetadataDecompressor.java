package org.odcsj.source.repo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * Opens a repodata file by its magic bytes rather than its name: gzip (createrepo_c's default), xz,
 * bzip2 or plain XML. zstd and zchunk are recognised and refused with a clear message.
 */
final class MetadataDecompressor {
  private static final byte[] GZIP = {0x1f, (byte) 0x8b};
  private static final byte[] XZ = {(byte) 0xfd, '7', 'z', 'X', 'Z', 0};
  private static final byte[] BZIP2 = {'B', 'Z', 'h'};
  private static final byte[] ZSTD = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd};
  private static final byte[] ZCHUNK = {0, 'Z', 'C', 'K', '1'};

  private MetadataDecompressor() {}

  /** Wraps {@code raw} (positioned at the file's start) in the matching decompressor. */
  static InputStream open(InputStream raw, Path file) throws IOException {
    return open(raw, file.toString());
  }

  /** Same; {@code file} (e.g. the URL) is what error messages call the file. */
  static InputStream open(InputStream raw, String file) throws IOException {
    BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
    in.mark(8);
    byte[] magic = in.readNBytes(6);
    in.reset();
    if (startsWith(magic, GZIP)) {
      return new GZIPInputStream(in, 1 << 16);
    }
    if (startsWith(magic, XZ)) {
      return new XZInputStream(in);
    }
    if (startsWith(magic, BZIP2)) {
      return new BZip2CompressorInputStream(in);
    }
    if (startsWith(magic, ZSTD)) {
      throw new IOException("zstd-compressed metadata is not supported yet: " + file);
    }
    if (startsWith(magic, ZCHUNK)) {
      throw new IOException("zchunk-compressed metadata is not supported yet: " + file);
    }
    return in;
  }

  private static boolean startsWith(byte[] data, byte[] prefix) {
    return data.length >= prefix.length
        && Arrays.equals(data, 0, prefix.length, prefix, 0, prefix.length);
  }
}
