package org.odcsj.rpm;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an RPM's lead, signature header and main header from the start of a stream and stops at the
 * payload: the bytes {@link org.odcsj.rpm.RpmHeaderReader} needs, whether the server sent exactly
 * the header range or the whole file.
 */
public final class RpmHeaderBytes {
  private static final int LEAD_SIZE = 96;
  private static final int MAX_INDEX_ENTRIES = 1 << 20;
  private static final int MAX_HEADER_DATA = 256 << 20;

  private RpmHeaderBytes() {}

  /** The bytes from 0 to the main header's end; {@code name} names the file in messages. */
  public static byte[] read(InputStream in, String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 << 10);
    byte[] lead = readExactly(in, LEAD_SIZE, name);
    if ((lead[0] & 0xff) != 0xed
        || (lead[1] & 0xff) != 0xab
        || (lead[2] & 0xff) != 0xee
        || (lead[3] & 0xff) != 0xdb) {
      throw new IOException(name + " is not an RPM file (no RPM lead)");
    }
    out.write(lead);
    int signatureLength = header(in, out, name);
    int padding = (8 - signatureLength % 8) % 8; // the signature header is padded to 8 bytes
    out.write(readExactly(in, padding, name));
    header(in, out, name);
    return out.toByteArray();
  }

  /** Copies one header structure; returns its length. */
  private static int header(InputStream in, ByteArrayOutputStream out, String name)
      throws IOException {
    byte[] intro = readExactly(in, 16, name);
    if ((intro[0] & 0xff) != 0x8e || (intro[1] & 0xff) != 0xad || (intro[2] & 0xff) != 0xe8) {
      throw new IOException(name + " has no RPM header where one should start");
    }
    long entries = int32(intro, 8);
    long data = int32(intro, 12);
    if (entries > MAX_INDEX_ENTRIES || data > MAX_HEADER_DATA) {
      throw new IOException(name + " has an implausibly large RPM header");
    }
    int rest = (int) (entries * 16 + data);
    out.write(intro);
    out.write(readExactly(in, rest, name));
    return 16 + rest;
  }

  private static long int32(byte[] b, int at) {
    return ((long) (b[at] & 0xff) << 24)
        | ((b[at + 1] & 0xff) << 16)
        | ((b[at + 2] & 0xff) << 8)
        | (b[at + 3] & 0xff);
  }

  private static byte[] readExactly(InputStream in, int n, String name) throws IOException {
    byte[] b = in.readNBytes(n);
    if (b.length != n) {
      throw new EOFException(name + " ends inside its RPM headers");
    }
    return b;
  }
}
