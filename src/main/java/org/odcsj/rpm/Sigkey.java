package org.odcsj.rpm;

import java.util.HexFormat;

/**
 * The sigkey of a signed RPM as Koji, Pungi and ODCS compute it: from the first signature tag
 * present of 1005 (GPG), 1002 (PGP), 267 (DSA header), 268 (RSA header) — rpm ≥ 4.16 writes only
 * 268 — take the OpenPGP signature packet's issuer key id and keep its last 4 bytes as lowercase
 * hex. Unsigned RPMs have the sigkey {@code ""}.
 */
final class Sigkey {
  static final int[] SIGNATURE_TAGS = {1005, 1002, 267, 268};

  private static final int SUBPACKET_ISSUER = 16;
  private static final int SUBPACKET_ISSUER_FINGERPRINT = 33;

  private Sigkey() {}

  static String of(HeaderTags signatureHeader) {
    for (int tag : SIGNATURE_TAGS) {
      byte[] packet = signatureHeader.blob(tag);
      if (packet != null && packet.length > 0) {
        return fromSignaturePacket(packet);
      }
    }
    return "";
  }

  /** The sigkey from one OpenPGP signature packet (v3 or v4), {@code ""} if it names no key. */
  static String fromSignaturePacket(byte[] packet) {
    try {
      return parse(packet);
    } catch (IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("truncated OpenPGP signature packet", e);
    }
  }

  private static String parse(byte[] packet) {
    int bodyStart = bodyStart(packet);
    int version = packet[bodyStart] & 0xff;
    byte[] keyId =
        switch (version) {
          // v3: version, hashed length (5), type, creation time (4), key id (8)
          case 2, 3 -> slice(packet, bodyStart + 7, 8);
          case 4 -> v4Issuer(packet, bodyStart);
          default -> null;
        };
    if (keyId == null) {
      return "";
    }
    return HexFormat.of().formatHex(keyId, keyId.length - 4, keyId.length);
  }

  /** Skips the packet header (old or new format) and returns where the body starts. */
  private static int bodyStart(byte[] p) {
    int tagByte = p[0] & 0xff;
    if ((tagByte & 0x80) == 0) {
      throw new IllegalArgumentException("not an OpenPGP packet");
    }
    if ((tagByte & 0x40) == 0) { // old format: 1, 2 or 4 length octets (3: indeterminate)
      int lengthType = tagByte & 0x03;
      return 1 + (lengthType == 0 ? 1 : lengthType == 1 ? 2 : lengthType == 2 ? 4 : 0);
    }
    int first = p[1] & 0xff; // new format
    if (first < 192) {
      return 2;
    }
    return first < 224 ? 3 : first == 255 ? 6 : 2;
  }

  /**
   * v4: version, type, public-key algorithm, hash algorithm, then the hashed and the unhashed
   * subpacket areas. The Issuer subpacket (16) may be in either; failing that, an Issuer
   * Fingerprint (33) of a v4 key ends with the key id.
   */
  private static byte[] v4Issuer(byte[] p, int body) {
    int pos = body + 4;
    byte[] fromFingerprint = null;
    for (int area = 0; area < 2; area++) {
      int areaLength = ((p[pos] & 0xff) << 8) | (p[pos + 1] & 0xff);
      int end = pos + 2 + areaLength;
      pos += 2;
      while (pos < end) {
        int len = p[pos] & 0xff;
        int lengthOctets = 1;
        if (len >= 192 && len < 255) {
          len = ((len - 192) << 8) + (p[pos + 1] & 0xff) + 192;
          lengthOctets = 2;
        } else if (len == 255) {
          len = readInt(p, pos + 1);
          lengthOctets = 5;
        }
        int type = p[pos + lengthOctets] & 0x7f; // high bit = critical
        int data = pos + lengthOctets + 1;
        if (type == SUBPACKET_ISSUER && len == 9) {
          return slice(p, data, 8);
        }
        if (type == SUBPACKET_ISSUER_FINGERPRINT && len == 22 && p[data] == 4) {
          fromFingerprint = slice(p, data + 1 + 20 - 8, 8);
        }
        pos += lengthOctets + len;
      }
      pos = end;
    }
    return fromFingerprint;
  }

  private static int readInt(byte[] p, int at) {
    return ((p[at] & 0xff) << 24)
        | ((p[at + 1] & 0xff) << 16)
        | ((p[at + 2] & 0xff) << 8)
        | (p[at + 3] & 0xff);
  }

  private static byte[] slice(byte[] p, int from, int length) {
    byte[] out = new byte[length];
    System.arraycopy(p, from, out, 0, length);
    return out;
  }
}
