package org.odcsj.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.HexFormat;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPKeyRingGenerator;
import org.bouncycastle.openpgp.PGPPrivateKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPDigestCalculatorProviderBuilder;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPKeyPair;

/**
 * A throwaway OpenPGP RSA key made in the test JVM, to sign test RPMs ({@link
 * TestRpms#signedWith}). {@link #sigkey()} is what ODCS calls the sigkey: the lowercase hex of the
 * key id's last 4 bytes.
 */
public final class TestKey {
  private final PGPPrivateKey privateKey;
  private final PGPPublicKeyRing publicKeyRing;

  private TestKey(PGPPrivateKey privateKey, PGPPublicKeyRing publicKeyRing) {
    this.privateKey = privateKey;
    this.publicKeyRing = publicKeyRing;
  }

  /** A new 2048-bit RSA key with the given user id (takes a few hundred milliseconds). */
  public static TestKey generate(String userId) {
    try {
      KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
      rsa.initialize(2048);
      PGPKeyPair pair =
          new JcaPGPKeyPair(
              PublicKeyAlgorithmTags.RSA_GENERAL,
              rsa.generateKeyPair(),
              Date.from(TestRpms.BUILD_TIME));
      PGPKeyRingGenerator rings =
          new PGPKeyRingGenerator(
              PGPSignature.POSITIVE_CERTIFICATION,
              pair,
              userId,
              new JcaPGPDigestCalculatorProviderBuilder().build().get(HashAlgorithmTags.SHA1),
              null,
              null,
              new JcaPGPContentSignerBuilder(
                  PublicKeyAlgorithmTags.RSA_GENERAL, HashAlgorithmTags.SHA256),
              null);
      return new TestKey(pair.getPrivateKey(), rings.generatePublicKeyRing());
    } catch (GeneralSecurityException | PGPException e) {
      throw new IllegalStateException("cannot generate a test key", e);
    }
  }

  public PGPPrivateKey privateKey() {
    return privateKey;
  }

  public long keyId() {
    return publicKeyRing.getPublicKey().getKeyID();
  }

  /** 8 lowercase hex digits, as {@code rpm -qi} shows and Koji names signed copies. */
  public String sigkey() {
    return HexFormat.of().toHexDigits((int) keyId());
  }

  /** The ASCII-armored public key, for {@code rpmkeys --import}. */
  public String armoredPublicKey() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (OutputStream armored = new ArmoredOutputStream(bytes)) {
      publicKeyRing.encode(armored);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.US_ASCII);
  }

  /** Writes the armored public key to {@code file} and returns it. */
  public Path writePublicKey(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      return Files.writeString(file, armoredPublicKey());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
