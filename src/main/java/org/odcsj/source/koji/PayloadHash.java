package org.odcsj.source.koji;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.eclipse.packager.rpm.parse.RpmInputStream;

/**
 * Koji's {@code payloadhash} of an RPM file: the MD5 of the main header and the payload, which rpm
 * stores as sigmd5. Signing changes only the signature header, so every signed copy has the hash of
 * the build's RPM; a file that does not is corrupt or another package.
 */
public final class PayloadHash {
  private PayloadHash() {}

  /** The hex MD5 of everything from the main header to the end of the file. */
  public static String of(Path rpm) throws IOException {
    long mainHeader = mainHeaderOffset(rpm);
    MessageDigest md5 = md5();
    try (InputStream in = Files.newInputStream(rpm)) {
      in.skipNBytes(mainHeader);
      try (DigestInputStream digesting = new DigestInputStream(in, md5)) {
        digesting.transferTo(OutputStream.nullOutputStream());
      }
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  /**
   * Checks {@code rpm} against Koji's {@code payloadhash}; {@code what} names the package in the
   * message, e.g. its URL.
   *
   * @throws IOException naming both hashes when they differ, or when the file is not an RPM
   */
  public static void verify(Path rpm, String expected, String what) throws IOException {
    String actual = of(rpm);
    if (!actual.equals(expected.toLowerCase(Locale.ROOT))) {
      throw new IOException(
          what
              + " does not match Koji's payloadhash "
              + expected
              + " (its header and payload hash to "
              + actual
              + "): the file is damaged or not the package Koji describes");
    }
  }

  private static long mainHeaderOffset(Path rpm) throws IOException {
    try (RpmInputStream in =
        new RpmInputStream(new BufferedInputStream(Files.newInputStream(rpm), 1 << 16))) {
      return in.getPayloadHeader().getStart();
    } catch (IOException | RuntimeException e) {
      throw new IOException(rpm + " is not a readable RPM file: " + e.getMessage(), e);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no MD5 in this JVM", e);
    }
  }
}
