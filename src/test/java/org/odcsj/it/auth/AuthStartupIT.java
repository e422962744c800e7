package org.odcsj.it.auth;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Start-up errors of the authentication configuration (catalog A-20..A-22): the server refuses to
 * deploy with ODCS's message instead of running with authentication nobody meant. The three
 * misconfigured servers start side by side.
 */
@ExtendWith(TestEnvironment.class)
class AuthStartupIT {

  @Test
  @DisplayName("A-20: unknown backend; A-21/A-22: kerberos with half an LDAP setting — no start")
  void misconfigurationsStopTheDeployment() throws Exception {
    Map<String, Map<String, String>> cases = new LinkedHashMap<>();
    cases.put("bad-backend", Map.of("ODCS_AUTH_BACKEND", "xxx"));
    cases.put(
        "krb-no-ldap-server",
        Map.of(
            "ODCS_AUTH_BACKEND", "kerberos",
            "ODCS_AUTH_TRUSTED_PROXIES", "127.0.0.2",
            "ODCS_AUTH_LDAP_GROUP_BASE", "ou=groups,dc=example,dc=com"));
    cases.put(
        "krb-no-group-base",
        Map.of(
            "ODCS_AUTH_BACKEND", "kerberos",
            "ODCS_AUTH_TRUSTED_PROXIES", "127.0.0.2",
            "ODCS_AUTH_LDAP_SERVER", "ldap://127.0.0.1:1"));
    Map<String, String> expected =
        Map.of(
            "bad-backend", "Unknown backend name xxx.",
            "krb-no-ldap-server", "Invalid configuration for kerberos authentication.",
            "krb-no-group-base", "Invalid configuration for kerberos authentication.");
    List<OdcsServer.Running> servers = new ArrayList<>();
    try {
      for (var c : cases.entrySet()) {
        servers.add(
            OdcsServer.start(
                new OdcsServer.Profile(
                    "startup-" + c.getKey(),
                    "odcs_startup",
                    false,
                    List.of(),
                    List.of(),
                    c.getValue(),
                    false)));
      }
      int i = 0;
      for (var c : cases.keySet()) {
        OdcsServer.Running server = servers.get(i++);
        String log = awaitBooted(server, expected.get(c));
        assertTrue(log.contains(expected.get(c)), () -> c + ": no start-up error in\n" + log);
        assertNotEquals(200, status(server.baseUrl() + "/api/1/about/"), c + " answers");
      }
    } finally {
      for (var c : cases.keySet()) {
        OdcsServer.stop("startup-" + c);
      }
    }
  }

  // Payara prints "ready in" whether or not the application deployed.
  private static String awaitBooted(OdcsServer.Running server, String error) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
    while (Instant.now().isBefore(deadline)) {
      String log = Files.readString(server.log());
      if (log.contains(error) || log.contains("ready in") || !server.process().isAlive()) {
        return log;
      }
      Thread.sleep(500);
    }
    throw new AssertionError("Payara did not finish booting:\n" + Files.readString(server.log()));
  }

  private static int status(String url) throws InterruptedException {
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
          .statusCode();
    } catch (IOException refused) {
      return -1;
    }
  }
}
