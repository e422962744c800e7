package org.odcsj.it.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The test CA issues what the TLS client-certificate tests rely on. */
class TestCaTest {

  static final String CLIENT_DN = "CN=client,L=prod,DC=example,DC=com";

  static TestCa ca;
  static TestCa untrusted;

  @BeforeAll
  static void createCas() {
    ca = TestCa.create("CN=ODCS Test CA,O=ODCS-J");
    untrusted = TestCa.create("CN=Untrusted CA");
  }

  @Test
  void clientCertificateReadsBackAsTheGivenRfc2253Dn() {
    TestCa.Issued client = ca.issueClient(CLIENT_DN);

    assertEquals(CLIENT_DN, client.subjectDn());
    assertEquals(
        CLIENT_DN, client.certificate().getSubjectX500Principal().getName(X500Principal.RFC2253));
    // DER order: the subject's first RDN is DC=com, as with OpenSSL's -subj /DC=com/.../CN=client.
    var rdns = X500Name.getInstance(client.certificate().getSubjectX500Principal().getEncoded());
    assertEquals(BCStyle.DC, rdns.getRDNs()[0].getFirst().getType());
    assertEquals("com", rdns.getRDNs()[0].getFirst().getValue().toString());
    assertEquals(BCStyle.CN, rdns.getRDNs()[3].getFirst().getType());
  }

  @Test
  void clientAndServerChainsVerifyAgainstTheCaOnly() throws Exception {
    TestCa.Issued client = ca.issueClient(CLIENT_DN);
    TestCa.Issued server = ca.issueServer("localhost", "127.0.0.1");
    TestCa.Issued stranger = untrusted.issueClient(CLIENT_DN);

    validate(client.chain(), ca.certificate());
    validate(server.chain(), ca.certificate());
    validate(stranger.chain(), untrusted.certificate());
    assertThrows(
        CertPathValidatorException.class, () -> validate(stranger.chain(), ca.certificate()));

    X509TrustManager trust = trustManager(ca);
    trust.checkClientTrusted(client.chain().toArray(X509Certificate[]::new), "EC");
    trust.checkServerTrusted(server.chain().toArray(X509Certificate[]::new), "ECDHE_ECDSA");
    assertThrows(
        GeneralSecurityException.class,
        () -> trust.checkClientTrusted(stranger.chain().toArray(X509Certificate[]::new), "EC"));
    assertEquals(2, client.chain().size());
    assertEquals(ca.certificate(), client.chain().get(1));
  }

  @Test
  void serverCertificateNamesLocalhostAndTheLoopbackAddress() throws Exception {
    X509Certificate server = ca.issueServer("localhost", "127.0.0.1").certificate();

    assertEquals("CN=localhost", server.getSubjectX500Principal().getName(X500Principal.RFC2253));
    Collection<List<?>> names = server.getSubjectAlternativeNames();
    assertEquals(Set.of(List.of(2, "localhost"), List.of(7, "127.0.0.1")), Set.copyOf(names));
    assertTrue(server.getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.1"), "serverAuth");
    assertTrue(
        ca.issueClient(CLIENT_DN).certificate().getExtendedKeyUsage().contains("1.3.6.1.5.5.7.3.2"),
        "clientAuth");
    assertEquals(-1, server.getBasicConstraints());
    assertTrue(ca.certificate().getBasicConstraints() >= 0, "the CA is a CA");
  }

  @Test
  void storesAndPemFilesHoldWhatCurlAndPayaraRead(@TempDir Path dir) throws Exception {
    TestCa.Issued client = ca.issueClient(CLIENT_DN);
    Path keyStore = client.writeKeyStore(dir.resolve("client.p12"), TestCa.PASSWORD, "client");
    Path trustStore = ca.writeTrustStore(dir.resolve("trust.p12"), TestCa.PASSWORD);
    client.writePem(dir.resolve("client.crt"), dir.resolve("client.key"));
    Path caPem = ca.writeCertificatePem(dir.resolve("ca.crt"));

    KeyStore keys = load(keyStore);
    assertEquals(List.of("client"), List.copyOf(java.util.Collections.list(keys.aliases())));
    assertEquals(client.key(), keys.getKey("client", TestCa.PASSWORD));
    assertEquals(2, keys.getCertificateChain("client").length);
    KeyStore trusted = load(trustStore);
    assertTrue(trusted.isCertificateEntry("ca"));
    assertEquals(ca.certificate(), trusted.getCertificate("ca"));

    assertEquals(client.chain(), readPemCertificates(dir.resolve("client.crt")));
    assertEquals(List.of(ca.certificate()), readPemCertificates(caPem));
    assertTrue(
        Files.readString(dir.resolve("client.key")).startsWith("-----BEGIN PRIVATE KEY-----"));

    SSLContext context = TestCa.sslContext(keyStore, TestCa.PASSWORD, trustStore, TestCa.PASSWORD);
    assertEquals("TLS", context.getProtocol());
    assertEquals("TLS", TestCa.sslContext(null, null, trustStore, TestCa.PASSWORD).getProtocol());
  }

  @Test
  void httpClientPresentsTheClientCertificateOverLoopbackTls(@TempDir Path dir) throws Exception {
    Path serverStore =
        ca.issueServer("localhost", "127.0.0.1")
            .writeKeyStore(dir.resolve("server.p12"), TestCa.PASSWORD, "odcs");
    Path trustStore = ca.writeTrustStore(dir.resolve("trust.p12"), TestCa.PASSWORD);
    Path client =
        ca.issueClient(CLIENT_DN)
            .writeKeyStore(dir.resolve("client.p12"), TestCa.PASSWORD, "client");
    Path stranger =
        untrusted
            .issueClient(CLIENT_DN)
            .writeKeyStore(dir.resolve("stranger.p12"), TestCa.PASSWORD, "client");

    // The server side is the JDK's: the same stores, client authentication wanted.
    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(
            TestCa.sslContext(serverStore, TestCa.PASSWORD, trustStore, TestCa.PASSWORD)) {
          @Override
          public void configure(HttpsParameters parameters) {
            SSLParameters ssl = getSSLContext().getDefaultSSLParameters();
            ssl.setWantClientAuth(true);
            parameters.setSSLParameters(ssl);
          }
        });
    server.createContext(
        "/who",
        exchange -> {
          String who;
          try {
            who =
                ((X509Certificate)
                        ((HttpsExchange) exchange).getSSLSession().getPeerCertificates()[0])
                    .getSubjectX500Principal()
                    .getName(X500Principal.RFC2253);
          } catch (SSLPeerUnverifiedException none) {
            who = "none";
          }
          byte[] body = who.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      URI uri = URI.create("https://localhost:" + server.getAddress().getPort() + "/who");
      assertEquals(
          CLIENT_DN,
          get(TestCa.sslContext(client, TestCa.PASSWORD, trustStore, TestCa.PASSWORD), uri));
      assertEquals("none", get(TestCa.sslContext(null, null, trustStore, TestCa.PASSWORD), uri));
      // The JDK client offers no certificate the server's CA list does not name...
      assertEquals(
          "none",
          get(TestCa.sslContext(stranger, TestCa.PASSWORD, trustStore, TestCa.PASSWORD), uri));
      // ...unless it insists, as curl does: then the server refuses the handshake.
      assertThrows(
          IOException.class,
          () ->
              get(
                  TestCa.insistentClientContext(
                      stranger, TestCa.PASSWORD, trustStore, TestCa.PASSWORD),
                  uri));
      assertEquals(
          CLIENT_DN,
          get(
              TestCa.insistentClientContext(client, TestCa.PASSWORD, trustStore, TestCa.PASSWORD),
              uri));
    } finally {
      server.stop(0);
    }
  }

  private static String get(SSLContext context, URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        TestCa.httpClient(context)
            .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode());
    return response.body();
  }

  private static void validate(List<X509Certificate> chain, X509Certificate anchor)
      throws GeneralSecurityException {
    var factory = CertificateFactory.getInstance("X.509");
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(anchor, null)));
    parameters.setRevocationEnabled(false);
    CertPathValidator.getInstance("PKIX")
        .validate(factory.generateCertPath(chain.subList(0, chain.size() - 1)), parameters);
  }

  private static X509TrustManager trustManager(TestCa trusted) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", trusted.certificate());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    return (X509TrustManager) tmf.getTrustManagers()[0];
  }

  private static KeyStore load(Path file) throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      store.load(in, TestCa.PASSWORD);
    }
    return store;
  }

  @SuppressWarnings("unchecked")
  private static List<X509Certificate> readPemCertificates(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return List.copyOf(
          (Collection<X509Certificate>)
              CertificateFactory.getInstance("X.509").generateCertificates(in));
    }
  }
}
