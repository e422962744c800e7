package org.odcsj.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts for the {@code ssl} authentication backend and private CAs: a client certificate
 * from PEM files (certificate chain + unencrypted PKCS#8 key, as the Python client takes) or a
 * PKCS12 store, and trusted CAs from a PEM file or a PKCS12 store; null means the JDK default.
 */
public final class TlsContexts {

  private TlsContexts() {}

  /**
   * @param cert PEM certificate chain, or a PKCS12 store ({@code .p12}/{@code .pfx}); null: none
   * @param key the PEM PKCS#8 key of a PEM {@code cert}; ignored for a PKCS12 store
   * @param password the PKCS12 stores' password (null: none)
   * @param trusted PEM CA certificates or a PKCS12 trust store; null: the JDK's CAs
   */
  public static SSLContext of(Path cert, Path key, char[] password, Path trusted) {
    try {
      KeyManagerFactory kmf = null;
      if (cert != null) {
        KeyStore keys = isPkcs12(cert) ? load(cert, password) : pemKeyStore(cert, key);
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, isPkcs12(cert) ? password : new char[0]);
      }
      TrustManagerFactory tmf = null;
      if (trusted != null) {
        KeyStore trust = isPkcs12(trusted) ? load(trusted, password) : pemTrustStore(trusted);
        tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          kmf == null ? null : kmf.getKeyManagers(),
          tmf == null ? null : tmf.getTrustManagers(),
          null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException("Cannot set up TLS: " + e.getMessage(), e);
    }
  }

  private static boolean isPkcs12(Path file) {
    String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
    return name.endsWith(".p12") || name.endsWith(".pfx");
  }

  private static KeyStore load(Path file, char[] password)
      throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }

  private static List<? extends Certificate> certificates(Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return List.copyOf(CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
  }

  private static KeyStore pemKeyStore(Path cert, Path key)
      throws IOException, GeneralSecurityException {
    if (key == null) {
      throw new IllegalArgumentException("SSL cert and key must be specified");
    }
    String text = Files.readString(key);
    int begin = text.indexOf("-----BEGIN PRIVATE KEY-----");
    int end = text.indexOf("-----END PRIVATE KEY-----");
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(key + " is not an unencrypted PEM PKCS#8 private key");
    }
    byte[] der =
        Base64.getMimeDecoder().decode(text.substring(begin + 27, end).replaceAll("\\s", ""));
    PrivateKey privateKey = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        privateKey =
            KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException notThisAlgorithm) {
        // try the next
      }
    }
    if (privateKey == null) {
      throw new IllegalArgumentException(key + ": unsupported private key algorithm");
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry(
        "client", privateKey, new char[0], certificates(cert).toArray(new Certificate[0]));
    return store;
  }

  private static KeyStore pemTrustStore(Path pem) throws IOException, GeneralSecurityException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int i = 0;
    for (Certificate c : certificates(pem)) {
      store.setCertificateEntry("ca" + i++, c);
    }
    return store;
  }
}
