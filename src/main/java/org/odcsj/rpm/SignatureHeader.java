package org.odcsj.rpm;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * The sigkey straight from an RPM file's first bytes: the 96-byte lead, then the signature header —
 * magic {@code 8E AD E8 01}, four reserved bytes, the index entry count and the data size (big
 * endian), 16-byte index entries (tag, type, offset, count), then the data. The signature tags are
 * binary ({@code type} 7): {@code count} bytes at {@code offset}. Reads 4 KiB, more only when the
 * header is larger.
 */
final class SignatureHeader {
  private static final int LEAD = 96;
  private static final int FIRST_READ = 4096;
  private static final int BIN = 7;
  private static final int HEADER_SIGNATURE_TYPE = 5;
  private static final int MAX_ENTRIES = 0x10000;
  private static final int MAX_DATA = 64 << 20;

  private SignatureHeader() {}

  /**
   * The sigkey ({@code ""} when unsigned), or {@code null} when the file does not start like an RPM
   * with a header-style signature (then let Eclipse Packager try, and say what is wrong).
   *
   * @throws IllegalArgumentException when a signature is there but malformed
   */
  static String sigkey(Path rpm) throws IOException {
    try (FileChannel ch = FileChannel.open(rpm)) {
      byte[] bytes = new byte[FIRST_READ];
      int n = read(ch, bytes, 0, bytes.length);
      ByteBuffer b = ByteBuffer.wrap(bytes, 0, n);
      if (n < LEAD + 16
          || b.getInt(0) != 0xEDABEEDB
          || b.getShort(78) != HEADER_SIGNATURE_TYPE
          || b.getInt(LEAD) != 0x8EADE801) {
        return null;
      }
      int entries = b.getInt(LEAD + 8);
      int dataSize = b.getInt(LEAD + 12);
      if (entries < 0 || entries > MAX_ENTRIES || dataSize < 0 || dataSize > MAX_DATA) {
        return null;
      }
      int index = LEAD + 16;
      int data = index + 16 * entries;
      int end = data + dataSize;
      if (end > n) {
        byte[] all = new byte[end];
        System.arraycopy(bytes, 0, all, 0, n);
        if (read(ch, all, n, end - n) < end - n) {
          throw new EOFException(rpm + " ends inside its signature header");
        }
        b = ByteBuffer.wrap(all);
      }
      for (int tag : Sigkey.SIGNATURE_TAGS) {
        for (int e = 0; e < entries; e++) {
          int at = index + 16 * e;
          if (b.getInt(at) != tag) {
            continue;
          }
          int offset = b.getInt(at + 8);
          int count = b.getInt(at + 12);
          if (b.getInt(at + 4) != BIN || offset < 0 || count < 0 || offset > dataSize - count) {
            throw new IllegalArgumentException("signature tag " + tag + " is not a binary value");
          }
          if (count > 0) {
            byte[] packet = new byte[count];
            b.get(data + offset, packet);
            return Sigkey.fromSignaturePacket(packet);
          }
        }
      }
      return "";
    }
  }

  /** Reads up to {@code length} bytes at {@code offset} of the file; fewer only at its end. */
  private static int read(FileChannel ch, byte[] into, int offset, int length) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(into, offset, length);
    while (b.hasRemaining()) {
      if (ch.read(b, b.position()) < 0) {
        break;
      }
    }
    return b.position() - offset;
  }
}
