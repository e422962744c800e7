package org.odcsj.clienttests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.client.OdcsClient;
import org.odcsj.client.TlsContexts;
import org.odcsj.it.infra.TestCa;

/**
 * A client certificate from PEM files (as the Python client takes them: chain + PKCS#8 key) and a
 * PEM CA: a real TLS handshake with a loopback HTTPS server that requires a client certificate.
 */
class TlsContextsTest {

  @Test
  void pemCertificateAndKeyAuthenticateOverTls(@TempDir Path dir) throws Exception {
    TestCa ca = TestCa.create("CN=PEM Test CA");
    Path serverStore =
        ca.issueServer("127.0.0.1").writeKeyStore(dir.resolve("server.p12"), TestCa.PASSWORD, "s");
    Path trust = ca.writeTrustStore(dir.resolve("trust.p12"), TestCa.PASSWORD);
    TestCa.Issued client = ca.issueClient("CN=pem-user,DC=example,DC=com");
    client.writePem(dir.resolve("client.pem"), dir.resolve("client.key"));
    Path caPem = ca.writeCertificatePem(dir.resolve("ca.pem"));

    HttpsServer server =
        HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setHttpsConfigurator(
        new HttpsConfigurator(
            TestCa.sslContext(serverStore, TestCa.PASSWORD, trust, TestCa.PASSWORD)) {
          @Override
          public void configure(HttpsParameters params) {
            // The JDK's test-grade HttpsServer drops TLS 1.3 connections after the handshake.
            var ssl = getSSLContext().getDefaultSSLParameters();
            ssl.setProtocols(new String[] {"TLSv1.2"});
            ssl.setNeedClientAuth(true);
            params.setSSLParameters(ssl);
          }
        });
    server.createContext(
        "/api/1/about/",
        exchange -> {
          String who = ((HttpsExchange) exchange).getSSLSession().getPeerPrincipal().getName();
          byte[] body = ("{\"user\": \"" + who + "\"}").getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try {
      OdcsClient odcs =
          OdcsClient.builder("https://127.0.0.1:" + server.getAddress().getPort())
              .sslContext(
                  TlsContexts.of(dir.resolve("client.pem"), dir.resolve("client.key"), null, caPem))
              .build();
      assertEquals("CN=pem-user,DC=example,DC=com", odcs.about().getString("user"));
    } finally {
      server.stop(0);
    }
  }
}
