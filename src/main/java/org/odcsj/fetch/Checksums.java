package org.odcsj.fetch;

import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/** Digests by their repodata names. */
public final class Checksums {
  private Checksums() {}

  /** repodata names: sha256, sha512, …; {@code sha} is yum's old name for SHA-1. */
  public static MessageDigest digestFor(String type) throws IOException {
    String t = type == null ? "sha256" : type.toLowerCase(Locale.ROOT);
    String algorithm =
        switch (t) {
          case "sha", "sha1" -> "SHA-1";
          case "md5" -> "MD5";
          default -> t.startsWith("sha") ? "SHA-" + t.substring(3) : t;
        };
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("unsupported repodata checksum type " + type, e);
    }
  }
}
