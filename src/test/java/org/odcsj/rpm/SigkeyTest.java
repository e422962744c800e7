package org.odcsj.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** Key ids from hand-made OpenPGP signature packets of the shapes RPMs carry. */
class SigkeyTest {
  private static final String KEY_ID = "0123456789abcdef";

  @Test
  void v3SignatureCarriesTheKeyIdInItsBody() {
    // old-format packet, tag 2, one length octet; v3 body: 3, 5, type, time(4), key id(8), …
    byte[] body = concat(bytes("03 05 00 5f 00 00 00"), hex(KEY_ID), bytes("01 08 ab cd 00 00"));
    byte[] packet = concat(new byte[] {(byte) 0x88, (byte) body.length}, body);
    assertEquals("89abcdef", Sigkey.fromSignaturePacket(packet));
  }

  @Test
  void v4SignatureHasTheIssuerInTheUnhashedArea() {
    byte[] hashed = bytes("05 02 5f 00 00 00"); // creation time subpacket
    byte[] unhashed = concat(bytes("09 10"), hex(KEY_ID)); // issuer subpacket
    byte[] packet = v4(hashed, unhashed);
    assertEquals("89abcdef", Sigkey.fromSignaturePacket(packet));
  }

  @Test
  void v4SignatureWithOnlyAnIssuerFingerprintUsesItsLastEightBytes() {
    byte[] fingerprint = concat(hex("00112233445566778899aabb"), hex(KEY_ID));
    byte[] hashed = concat(bytes("16 21 04"), fingerprint); // length 22, type 33, key version 4
    assertEquals("89abcdef", Sigkey.fromSignaturePacket(v4(hashed, new byte[0])));
  }

  @Test
  void truncatedPacketsAreRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> Sigkey.fromSignaturePacket(bytes("88 20 04")));
  }

  /** New-format packet (tag 2) with a v4 body: version, type, pk algo, hash algo, two areas. */
  private static byte[] v4(byte[] hashed, byte[] unhashed) {
    byte[] body =
        concat(
            bytes("04 00 01 08"),
            new byte[] {0, (byte) hashed.length},
            hashed,
            new byte[] {0, (byte) unhashed.length},
            unhashed,
            bytes("ab cd 00 00"));
    return concat(new byte[] {(byte) 0xc2, (byte) body.length}, body);
  }

  private static byte[] bytes(String spaced) {
    return hex(spaced.replace(" ", ""));
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }
}
