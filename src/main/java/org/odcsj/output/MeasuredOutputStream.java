package org.odcsj.output;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Counts and sha256-hashes what passes through: repomd.xml wants both for each file. */
final class MeasuredOutputStream extends FilterOutputStream {
  private final MessageDigest sha256;
  private long size;

  MeasuredOutputStream(OutputStream out) {
    super(out);
    try {
      this.sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  @Override
  public void write(int b) throws IOException {
    out.write(b);
    sha256.update((byte) b);
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    out.write(b, off, len);
    sha256.update(b, off, len);
    size += len;
  }

  long size() {
    return size;
  }

  /** The hex digest; call once, after the last write. */
  String sha256() {
    return HexFormat.of().formatHex(sha256.digest());
  }
}
