package org.odcsj.it.infra;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemGenerationException;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/**
 * A certificate authority made inside a test: it issues a server certificate for the loopback
 * listener and client certificates with chosen subject DNs, and writes them as PKCS12 stores (for
 * Payara Micro and Java clients) and PEM files (for curl). Nothing is read from or kept outside the
 * files a test asks for. Keys are EC P-256; certificates are valid from an hour ago for a week.
 *
 * <p>Subject DNs are given and returned in RFC 2253 form, most specific RDN first, exactly as the
 * servlet container reports them ({@code X500Principal.getName(RFC2253)}) and as mod_ssl's {@code
 * SSL_CLIENT_S_DN} does: {@code CN=client,L=prod,DC=example,DC=com} is encoded with {@code DC=com}
 * as the first RDN of the certificate's subject.
 */
public final class TestCa {

  /**
   * A password for the stores a test writes. Not Payara's default {@code changeit}, so that a
   * server which ignores the configured password fails instead of passing by chance.
   */
  public static final char[] PASSWORD = "odcs-test".toCharArray();

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Duration VALIDITY = Duration.ofDays(7);

  private final Issued self;

  private TestCa(Issued self) {
    this.self = self;
  }

  /** A certificate with its private key and its chain (the certificate first, then issuers). */
  public record Issued(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {

    /** The subject DN in RFC 2253 form, as the servlet container reports it. */
    public String subjectDn() {
      return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }

    /** Writes a PKCS12 key store holding this key and its chain under {@code alias}. */
    public Path writeKeyStore(Path file, char[] password, String alias) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry(alias, key, password, chain.toArray(X509Certificate[]::new));
        return save(store, file, password);
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException("cannot write key store " + file, e);
      }
    }

    /** Writes the certificate chain and the PKCS#8 private key as PEM (curl's --cert/--key). */
    public void writePem(Path certFile, Path keyFile) {
      write(certFile, pem(chain.toArray()));
      try {
        write(keyFile, pem(new JcaPKCS8Generator(key, null)));
      } catch (PemGenerationException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A new self-signed CA with the given subject DN (RFC 2253), e.g. {@code CN=ODCS Test CA}. */
  public static TestCa create(String subjectDn) {
    KeyPair keys = newKeyPair();
    X500Principal subject = new X500Principal(subjectDn);
    X509Certificate cert =
        sign(
            subject,
            keys.getPublic(),
            subject,
            keys.getPrivate(),
            keys.getPublic(),
            builder -> {
              builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
              builder.addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            });
    return new TestCa(new Issued(cert, keys.getPrivate(), List.of(cert)));
  }

  /** The CA's own certificate (what a trust store holds). */
  public X509Certificate certificate() {
    return self.certificate();
  }

  /**
   * A TLS server certificate: subject {@code CN=<first name>}, every name as a subject alternative
   * name (an IP literal such as {@code 127.0.0.1} as an IP address, anything else as a DNS name).
   */
  public Issued issueServer(String... names) {
    List<GeneralName> alternatives = new ArrayList<>();
    for (String name : names) {
      alternatives.add(
          isIpLiteral(name)
              ? new GeneralName(GeneralName.iPAddress, name)
              : new GeneralName(GeneralName.dNSName, name));
    }
    return issue(
        new X500Principal("CN=" + names[0]),
        KeyPurposeId.id_kp_serverAuth,
        new GeneralNames(alternatives.toArray(GeneralName[]::new)));
  }

  /** A TLS client certificate with the given subject DN (RFC 2253). */
  public Issued issueClient(String subjectDn) {
    return issue(new X500Principal(subjectDn), KeyPurposeId.id_kp_clientAuth, null);
  }

  /** Writes a PKCS12 trust store holding only this CA's certificate (alias {@code ca}). */
  public Path writeTrustStore(Path file, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setCertificateEntry("ca", certificate());
      return save(store, file, password);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot write trust store " + file, e);
    }
  }

  /** Writes this CA's certificate as PEM (curl's --cacert). */
  public Path writeCertificatePem(Path file) {
    write(file, pem(certificate()));
    return file;
  }

  /**
   * A TLS context that presents the key of {@code keyStore} (PKCS12, or {@code null} for none) and
   * trusts the certificates of {@code trustStore} (PKCS12): a client's, or a JDK test server's.
   */
  public static SSLContext sslContext(
      Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword) {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keyStore == null ? null : load(keyStore, keyStorePassword), keyStorePassword);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(load(trustStore, trustStorePassword));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), RANDOM);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS context", e);
    }
  }

  /**
   * Like {@link #sslContext}, but the client presents its certificate even when the server's
   * certificate request names other CAs, as curl does. The JDK's own key manager sends no
   * certificate then, so a certificate of an untrusted CA would never reach the server.
   */
  public static SSLContext insistentClientContext(
      Path keyStore, char[] keyStorePassword, Path trustStore, char[] trustStorePassword) {
    try {
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(load(keyStore, keyStorePassword), keyStorePassword);
      X509KeyManager keys = (X509KeyManager) kmf.getKeyManagers()[0];
      String alias = keys.getClientAliases("EC", null)[0];
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(load(trustStore, trustStorePassword));
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {new AlwaysPresent(keys, alias)}, tmf.getTrustManagers(), RANDOM);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a TLS context", e);
    }
  }

  /** An HTTP client that speaks TLS with {@code context} (see {@link #sslContext}). */
  public static HttpClient httpClient(SSLContext context) {
    return HttpClient.newBuilder()
        .sslContext(context)
        .connectTimeout(Duration.ofSeconds(10))
        .version(HttpClient.Version.HTTP_1_1)
        .build();
  }

  private Issued issue(X500Principal subject, KeyPurposeId purpose, GeneralNames alternatives) {
    KeyPair keys = newKeyPair();
    X509Certificate cert =
        sign(
            subject,
            keys.getPublic(),
            certificate().getSubjectX500Principal(),
            self.key(),
            certificate().getPublicKey(),
            builder -> {
              builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
              builder.addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
              builder.addExtension(
                  Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
              if (alternatives != null) {
                builder.addExtension(Extension.subjectAlternativeName, false, alternatives);
              }
            });
    List<X509Certificate> chain = new ArrayList<>(List.of(cert));
    chain.addAll(self.chain());
    return new Issued(cert, keys.getPrivate(), List.copyOf(chain));
  }

  /** Offers its one client key whatever issuers the server asks for. */
  private static final class AlwaysPresent extends X509ExtendedKeyManager {
    private final X509KeyManager keys;
    private final String alias;

    AlwaysPresent(X509KeyManager keys, String alias) {
      this.keys = keys;
      this.alias = alias;
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
      return alias;
    }

    @Override
    public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
      return alias;
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
      return new String[] {alias};
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
      return null;
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
      return null;
    }

    @Override
    public X509Certificate[] getCertificateChain(String name) {
      return keys.getCertificateChain(name);
    }

    @Override
    public PrivateKey getPrivateKey(String name) {
      return keys.getPrivateKey(name);
    }
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder builder) throws IOException;
  }

  private static X509Certificate sign(
      X500Principal subject,
      PublicKey subjectKey,
      X500Principal issuer,
      PrivateKey issuerKey,
      PublicKey issuerPublicKey,
      Extensions extensions) {
    try {
      Instant now = Instant.now();
      // From the DER encoding, not from the string: BouncyCastle's own string parser keeps the
      // written order, which would reverse the RDNs against the RFC 2253 reading.
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              X500Name.getInstance(issuer.getEncoded()),
              new BigInteger(63, RANDOM).add(BigInteger.ONE),
              Date.from(now.minus(Duration.ofHours(1))),
              Date.from(now.plus(VALIDITY)),
              X500Name.getInstance(subject.getEncoded()),
              subjectKey);
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          utils.createAuthorityKeyIdentifier(issuerPublicKey));
      extensions.add(builder);
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot issue a certificate for " + subject, e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isIpLiteral(String name) {
    return name.matches("[0-9.]+") || name.contains(":");
  }

  private static KeyStore load(Path file, char[] password)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(file)) {
      store.load(in, password);
    }
    return store;
  }

  private static Path save(KeyStore store, Path file, char[] password)
      throws GeneralSecurityException, IOException {
    if (file.getParent() != null) {
      Files.createDirectories(file.getParent());
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
    return file;
  }

  private static String pem(Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        if (object instanceof PemObjectGenerator generator) {
          writer.writeObject(generator);
        } else {
          writer.writeObject(object);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  private static void write(Path file, String text) {
    try {
      if (file.getParent() != null) {
        Files.createDirectories(file.getParent());
      }
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
