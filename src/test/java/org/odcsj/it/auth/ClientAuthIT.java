package org.odcsj.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.cli.OdcsCommand;
import org.odcsj.client.Compose;
import org.odcsj.client.ComposeRequest;
import org.odcsj.client.OdcsClient;
import org.odcsj.client.OdcsException;
import org.odcsj.client.TlsContexts;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.infra.LocalKdc;
import org.odcsj.it.infra.TestCa;

/**
 * The client library's and the CLI's authentication against the servers of each backend: an OIDC
 * bearer token, a TLS client certificate and Kerberos (SPNEGO through JGSS with the test KDC).
 */
@ExtendWith(TestEnvironment.class)
class ClientAuthIT {

  private static final String[] ALL_SCOPES = {
    AuthServers.REQUIRED_SCOPE,
    AuthServers.NAMESPACE + "new-compose",
    AuthServers.NAMESPACE + "renew-compose",
    AuthServers.NAMESPACE + "delete-compose"
  };

  private static ComposeRequest tagCompose() {
    return ComposeRequest.tag("f26").build();
  }

  @Test
  void bearerTokenIsTheUser() throws Exception {
    String url = AuthServers.openIdc().baseUrl();
    String token = AuthServers.tokens().token().user("dev").scopes(ALL_SCOPES).sign();
    Compose compose = OdcsClient.builder(url).token(token).build().submit(tagCompose());
    assertEquals("dev", compose.owner());

    OdcsException anonymous =
        assertThrows(
            OdcsException.class, () -> OdcsClient.builder(url).build().submit(tagCompose()));
    assertEquals(401, anonymous.status());

    StringWriter out = new StringWriter();
    var cli = OdcsCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    int exit =
        cli.execute("--server", url, "--token", token, "--no-wait", "--json", "create-tag", "f26");
    assertEquals(0, exit);
    assertTrue(out.toString().contains("\"owner\": \"dev\""), out::toString);
  }

  @Test
  void clientCertificateSubjectIsTheOwner() throws Exception {
    AuthServers.ssl();
    var tls = AuthServers.tls();
    OdcsClient client =
        OdcsClient.builder(AuthServers.httpsUrl("ssl"))
            .sslContext(
                TlsContexts.of(tls.clientKeyStore(), null, TestCa.PASSWORD, tls.trustStore()))
            .build();
    assertEquals(AuthServers.CLIENT_DN, client.submit(tagCompose()).owner());

    OdcsClient withoutCertificate =
        OdcsClient.builder(AuthServers.httpsUrl("ssl"))
            .sslContext(TlsContexts.of(null, null, TestCa.PASSWORD, tls.trustStore()))
            .build();
    assertEquals(
        401,
        assertThrows(OdcsException.class, () -> withoutCertificate.submit(tagCompose())).status());
  }

  @Test
  void kerberosTicketFromAKeytabIsTheUser() throws Exception {
    var server = AuthServers.kerberos();
    LocalKdc kdc = AuthServers.kdc();
    assumeTrue(kdc != null, LocalKdc.MISSING);
    // The service principal is HTTP/localhost: address the server by that name.
    String url = server.baseUrl().replace("127.0.0.1", "localhost");
    OdcsClient alice =
        OdcsClient.builder(url).kerberos(kdc.principal("alice"), kdc.keytab("alice")).build();
    // alice is authenticated (her name in the answer), but not in allowed_clients.
    OdcsException refused = assertThrows(OdcsException.class, () -> alice.submit(tagCompose()));
    assertEquals(403, refused.status());
    assertEquals("User alice is not in role allowed_clients.", refused.getMessage());

    StringWriter err = new StringWriter();
    var cli = OdcsCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(err));
    int exit =
        cli.execute(
            "--server",
            url,
            "--keytab",
            kdc.keytab("alice").toString(),
            "--principal",
            kdc.principal("alice"),
            "create-tag",
            "f26");
    assertEquals(255, exit);
    assertEquals(
        "odcs: error: 403 User alice is not in role allowed_clients.", err.toString().strip());
  }

  @Test
  void kerberosTicketFromTheTicketCacheOfKinit() throws Exception {
    var server = AuthServers.kerberos();
    LocalKdc kdc = AuthServers.kdc();
    assumeTrue(kdc != null, LocalKdc.MISSING);
    kdc.run("kinit", "-k", "-t", kdc.keytab("alice").toString(), kdc.principal("alice"));
    // The built CLI as a user runs it after kinit: the ticket cache of KRB5CCNAME.
    ProcessBuilder pb =
        new ProcessBuilder(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.security.krb5.conf=" + kdc.krb5Conf(),
                "-jar",
                java.nio.file.Path.of(System.getProperty("odcs.it.war"))
                    .resolveSibling("odcs-cli.jar")
                    .toString(),
                "--server",
                server.baseUrl().replace("127.0.0.1", "localhost"),
                "--kerberos",
                "create-tag",
                "f26")
            .redirectErrorStream(true);
    pb.environment().putAll(kdc.environment());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(255, p.exitValue(), output);
    assertEquals("odcs: error: 403 User alice is not in role allowed_clients.", output.strip());
  }
}
