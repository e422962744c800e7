package org.odcsj.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.odcsj.it.auth.ProxyClient.assertError;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * The {@code kerberos} backend (spec §6.2, catalog) through HTTP against the
 * shipped WAR: the principal a Kerberos-terminating front proxy verified ({@code X-Remote-User}, as
 * mod_auth_gssapi's REMOTE_USER), believed only from the trusted proxy address.
 */
@ExtendWith(TestEnvironment.class)
class KerberosAuthIT {

  private static OdcsServer.Running server;
  private static ProxyClient proxy;

  @BeforeAll
  static void start() throws Exception {
    server = AuthServers.kerberos();
    proxy = ProxyClient.trusted(server.baseUrl());
  }

  @Test
  @DisplayName("A-08: the proxy's user@REALM is the user without the realm")
  void remoteUser() {
    assertEquals(
        "dev",
        proxy
            .submit(SslAuthIT.TAG_COMPOSE, Map.of("X-Remote-User", "dev@EXAMPLE.COM"))
            .getString("owner"));
  }

  @Test
  @DisplayName("A-09: POST without REMOTE_USER is 401 REMOTE_USER is not present in request.")
  void noRemoteUser() {
    var response = proxy.send("POST", "/api/1/composes/", SslAuthIT.TAG_COMPOSE, Map.of());
    assertError(response, 401, "REMOTE_USER is not present in request.");
    assertEquals("Negotiate", response.headers().get("WWW-Authenticate"));
  }

  @Test
  @DisplayName("A-09: X-Remote-User from an untrusted address is ignored")
  void untrustedRemoteUser() {
    assertError(
        ProxyClient.untrusted(server.baseUrl())
            .send(
                "POST",
                "/api/1/composes/",
                SslAuthIT.TAG_COMPOSE,
                Map.of("X-Remote-User", "root@EXAMPLE.COM")),
        401,
        "REMOTE_USER is not present in request.");
  }

  @Test
  @DisplayName("A-25: kerberos callers need no OIDC scope (DELETE by an admin is allowed)")
  void noScopeCheck() {
    long id =
        proxy
            .submit(SslAuthIT.TAG_COMPOSE, Map.of("X-Remote-User", "dev@EXAMPLE.COM"))
            .getJsonNumber("id")
            .longValue();
    var response =
        proxy.send(
            "DELETE", "/api/1/composes/" + id, null, Map.of("X-Remote-User", "root@EXAMPLE.COM"));
    assertEquals(202, response.status(), response::body);
  }
}
