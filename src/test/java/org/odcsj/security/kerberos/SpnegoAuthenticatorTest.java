package org.odcsj.security.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.ietf.jgss.GSSContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.odcsj.it.infra.KerberosClient;
import org.odcsj.it.infra.LocalKdc;
import org.odcsj.security.AuthenticationException;
import org.odcsj.security.kerberos.SpnegoException.Reason;

/** SPNEGO against a real MIT KDC: tickets the KDC issued, verified with the service keytab. */
class SpnegoAuthenticatorTest {

  private static LocalKdc kdc;
  private static SpnegoAuthenticator service;
  private static KerberosClient alice;

  @BeforeAll
  static void startKdc() throws Exception {
    if (!LocalKdc.available()) {
      return; // each test is reported skipped (see requireKdc)
    }
    kdc = LocalKdc.start(Path.of("target"));
    service =
        new SpnegoAuthenticator(LocalKdc.SERVICE, kdc.serviceKeytab(), Optional.of(kdc.krb5Conf()));
    alice = KerberosClient.login(kdc, "alice");
  }

  @BeforeEach
  void requireKdc() {
    assumeTrue(kdc != null, LocalKdc.MISSING);
  }

  @AfterAll
  static void stopKdc() {
    if (kdc != null) {
      kdc.close();
    }
  }

  @Test
  @DisplayName("§6.2: alice's ticket from the KDC authenticates alice@ODCS.TEST, user name alice")
  void aliceTicketAuthenticatesAlice() throws Exception {
    SpnegoAuthenticator.Result result = service.accept(alice.negotiateHeader("HTTP@localhost"));

    assertEquals("alice@ODCS.TEST", result.principal());
    assertEquals("alice", result.username());
  }

  @Test
  @DisplayName("the response token completes mutual authentication at the client")
  void responseTokenCompletesMutualAuthentication() throws Exception {
    GSSContext client = alice.context("HTTP@localhost", KerberosClient.SPNEGO);
    String token = Base64.getEncoder().encodeToString(alice.firstToken(client));

    SpnegoAuthenticator.Result result = service.accept("Negotiate " + token);

    String header = result.wwwAuthenticate().orElseThrow();
    assertTrue(header.startsWith("Negotiate "), header);
    byte[] answer = Base64.getDecoder().decode(result.responseToken().orElseThrow());
    client.initSecContext(answer, 0, answer.length);
    assertTrue(client.isEstablished(), "client accepts the service's answer");
    assertTrue(client.getMutualAuthState());
  }

  @Test
  @DisplayName(
      "a raw Kerberos (non-SPNEGO) GSS token is accepted too; the scheme is not case-bound")
  void rawKerberosToken() throws Exception {
    byte[] token = alice.firstToken(alice.context("HTTP@localhost", KerberosClient.KRB5));

    SpnegoAuthenticator.Result result =
        service.accept("negotiate " + Base64.getEncoder().encodeToString(token));

    assertEquals("alice", result.username());
  }

  @Test
  @DisplayName("each of two users is told apart under concurrent requests")
  void concurrentUsers() throws Exception {
    KerberosClient bob = KerberosClient.login(kdc, "bob");
    List<String> headers = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      boolean even = i % 2 == 0;
      headers.add((even ? alice : bob).negotiateHeader("HTTP@localhost"));
      expected.add(even ? "alice" : "bob");
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<String>> users = new ArrayList<>();
      for (String h : headers) {
        users.add(pool.submit(() -> service.accept(h).username()));
      }
      for (int i = 0; i < users.size(); i++) {
        assertEquals(expected.get(i), users.get(i).get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  @DisplayName("no Negotiate credentials: a 401 with the Negotiate challenge")
  void noNegotiateCredentials() {
    for (String header : new String[] {null, "", "Negotiate", "Negotiate ", "Basic YWxpY2U6eA=="}) {
      SpnegoException e = assertThrows(SpnegoException.class, () -> service.accept(header));
      assertEquals(Reason.MISSING, e.reason(), String.valueOf(header));
      assertEquals("Negotiate", ((AuthenticationException) e).challenge());
    }
  }

  @Test
  @DisplayName("a garbage token is malformed; the message does not quote it")
  void garbageToken() {
    String garbage =
        Base64.getEncoder()
            .encodeToString("this is not a GSS-API token, nope".getBytes(StandardCharsets.UTF_8));
    SpnegoException e =
        assertThrows(SpnegoException.class, () -> service.accept("Negotiate " + garbage));
    assertEquals(Reason.MALFORMED, e.reason());
    assertDoesNotLeak(e, garbage);

    SpnegoException notBase64 =
        assertThrows(SpnegoException.class, () -> service.accept("Negotiate %%%not*base64%%%"));
    assertEquals(Reason.MALFORMED, notBase64.reason());
    assertDoesNotLeak(notBase64, "%%%not*base64%%%");
  }

  @Test
  @DisplayName("a ticket for another service is rejected; the message does not quote the token")
  void ticketForAnotherService() throws Exception {
    kdc.addPrincipal("HTTP/otherhost@" + LocalKdc.REALM);
    String header = alice.negotiateHeader("HTTP@otherhost");

    SpnegoException e = assertThrows(SpnegoException.class, () -> service.accept(header));

    assertEquals(Reason.REJECTED, e.reason());
    assertDoesNotLeak(e, header.substring("Negotiate ".length()));
  }

  @Test
  @DisplayName("a replayed token is rejected")
  void replayedToken() throws Exception {
    String header = alice.negotiateHeader("HTTP@localhost");
    assertEquals("alice", service.accept(header).username());

    SpnegoException e = assertThrows(SpnegoException.class, () -> service.accept(header));

    assertEquals(Reason.REJECTED, e.reason());
    assertDoesNotLeak(e, header.substring("Negotiate ".length()));
  }

  @Test
  @DisplayName("a token presented after its ticket's lifetime (and the clock skew) is rejected")
  void staleTokenOfExpiredTicket() throws Exception {
    String principal = "HTTP/shortlived@" + LocalKdc.REALM;
    kdc.addPrincipal(principal, "-maxlife", "1 second");
    SpnegoAuthenticator shortLived = new SpnegoAuthenticator(principal, kdc.keytab(principal));
    KerberosClient client = KerberosClient.login(kdc, "alice");
    assertEquals("alice", shortLived.accept(client.negotiateHeader("HTTP@shortlived")).username());
    String stale = client.negotiateHeader("HTTP@shortlived");

    Thread.sleep(4_500); // 1 s ticket life + the realm's 2 s clock skew, and some

    SpnegoException e = assertThrows(SpnegoException.class, () -> shortLived.accept(stale));
    assertEquals(Reason.REJECTED, e.reason());
    assertTrue(e.getMessage().startsWith("Kerberos authentication failed: "), e.getMessage());
    assertDoesNotLeak(e, stale.substring("Negotiate ".length()));
  }

  @Test
  @DisplayName("new service keys in the keytab file are used without a restart")
  void rotatedKeytab() throws Exception {
    String principal = "HTTP/rotating@" + LocalKdc.REALM;
    kdc.addPrincipal(principal);
    Path keytab = kdc.keytab(principal);
    SpnegoAuthenticator rotating = new SpnegoAuthenticator(principal, keytab);
    assertEquals(
        "alice",
        rotating
            .accept(KerberosClient.login(kdc, "alice").negotiateHeader("HTTP@rotating"))
            .username());

    assertEquals(keytab, kdc.rotateKeys(principal)); // same file, only the new key version

    String afterRotation =
        KerberosClient.login(kdc, "alice").negotiateHeader("HTTP@rotating"); // new ticket
    assertEquals("alice", rotating.accept(afterRotation).username());
  }

  @Test
  @DisplayName("a keytab without the service's keys fails at construction, naming both")
  void keytabWithoutServiceKeys() throws Exception {
    Path aliceKeytab = kdc.keytab("alice");

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> new SpnegoAuthenticator(LocalKdc.SERVICE, aliceKeytab));
    assertTrue(e.getMessage().contains(LocalKdc.SERVICE), e.getMessage());
    assertTrue(e.getMessage().contains(aliceKeytab.toString()), e.getMessage());
    assertFalse(e.getMessage().contains(kdc.password("alice")), e.getMessage());
  }

  @Test
  @DisplayName("a missing keytab fails at construction")
  void missingKeytab() {
    Path none = kdc.directory().resolve("no-such.keytab");
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class, () -> new SpnegoAuthenticator(LocalKdc.SERVICE, none));
    assertTrue(e.getMessage().contains(none.toString()), e.getMessage());
  }

  @Test
  @DisplayName("principal * accepts tickets for any service key in the keytab")
  void anyPrincipalInKeytab() throws Exception {
    assertTrue(Files.isReadable(kdc.serviceKeytab()));
    SpnegoAuthenticator any = new SpnegoAuthenticator("*", kdc.serviceKeytab());
    assertEquals("alice", any.accept(alice.negotiateHeader("HTTP@localhost")).username());
  }

  @Test
  @DisplayName(
      "kinit + curl --negotiate (MIT GSS-API) against an HTTP server using the authenticator")
  void curlNegotiate() throws Exception {
    assumeTrue(curlHasSpnego(), "curl with GSS-API/SPNEGO not installed");
    assumeTrue(LocalKdc.tool("kinit").isPresent(), "kinit not installed (krb5-user)");
    HttpServer http =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    http.createContext("/whoami", exchange -> answer(exchange, service));
    http.start();
    try {
      String url = "http://localhost:" + http.getAddress().getPort() + "/whoami";
      kdc.run("kinit", "-k", "-t", kdc.keytab("alice").toString(), kdc.principal("alice"));

      String out = kdc.run("curl", "-4", "-sS", "--negotiate", "-u", ":", "-D", "-", url);

      assertTrue(out.startsWith("HTTP/1.1 200"), out);
      assertTrue(out.strip().endsWith("\n\r\nalice") || out.strip().endsWith("\n\nalice"), out);
      // The answer token for mutual authentication (curl checks it and fails if it is wrong).
      assertTrue(out.toLowerCase(Locale.ROOT).contains("www-authenticate: negotiate "), out);
    } finally {
      http.stop(0);
    }
  }

  /** 200 with the user name, or 401 with the challenge and the message. */
  private static void answer(HttpExchange exchange, SpnegoAuthenticator authenticator)
      throws IOException {
    int status;
    String body;
    try {
      SpnegoAuthenticator.Result result =
          authenticator.accept(exchange.getRequestHeaders().getFirst("Authorization"));
      result
          .wwwAuthenticate()
          .ifPresent(v -> exchange.getResponseHeaders().add("WWW-Authenticate", v));
      status = 200;
      body = result.username();
    } catch (SpnegoException e) {
      exchange.getResponseHeaders().add("WWW-Authenticate", e.challenge());
      status = 401;
      body = e.getMessage();
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static boolean curlHasSpnego() {
    try {
      Process p = new ProcessBuilder("curl", "-V").redirectErrorStream(true).start();
      String version = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return p.waitFor() == 0 && version.contains("SPNEGO");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  /** Neither the token nor any 12-character piece of it appears in the message or its causes. */
  static void assertDoesNotLeak(Throwable e, String token) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      for (int i = 0; i + 12 <= token.length(); i++) {
        String piece = token.substring(i, i + 12);
        assertFalse(message.contains(piece), () -> "message quotes the token: " + message);
      }
    }
  }
}
