package org.odcsj.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.odcsj.it.auth.ProxyClient.assertError;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.api.Api;
import org.odcsj.it.infra.KerberosClient;
import org.odcsj.it.infra.LocalKdc;

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

  private static OdcsApi negotiating(String user) throws Exception {
    LocalKdc kdc = AuthServers.kdc();
    assumeTrue(kdc != null, LocalKdc.MISSING);
    // A fresh token per request: the acceptor refuses replays.
    return new OdcsApi(server.baseUrl())
        .withHeader(
            "Authorization", KerberosClient.login(kdc, user).negotiateHeader("HTTP@localhost"));
  }

  @Test
  @DisplayName("A-18: the kerberos backend is installed (about); GET needs no identity")
  void backendReported() {
    AuthServers.assertBackendInstalled(server, "kerberos");
  }

  @Test
  @DisplayName("A-07: a real Kerberos ticket (SPNEGO) is user alice; groups admin, devel from LDAP")
  void spnegoUserWithLdapGroups() throws Exception {
    // alice is in no allowed_clients entry but in LDAP group "admin": the admins role lets her
    // remove a compose; the role check of POST needs allowed_clients, which she lacks.
    Api.assertError(
        negotiating("alice").post(Api.COMPOSES, SslAuthIT.TAG_COMPOSE),
        403,
        "User alice is not in role allowed_clients.");
    long id =
        proxy
            .submit(SslAuthIT.TAG_COMPOSE, Map.of("X-Remote-User", "dev@EXAMPLE.COM"))
            .getJsonNumber("id")
            .longValue();
    new OdcsApi(server.baseUrl()).awaitState(id, Duration.ofSeconds(60), "failed", "done");
    var removal = negotiating("alice").delete(Api.COMPOSES + id);
    // Mutual authentication: the acceptor's answer token comes back as mod_auth_gssapi sends it.
    assertTrue(
        removal
            .raw()
            .headers()
            .firstValue("WWW-Authenticate")
            .orElse("")
            .matches("Negotiate \\S{20,}"),
        () -> removal.raw().headers().map().toString());
    Api.assertAccepted(
        removal,
        "The delete request for compose (id="
            + id
            + ") has been accepted and will be processed by backend later.");
    // bob is only in devel: not an admin.
    Api.assertError(
        negotiating("bob").delete(Api.COMPOSES + id), 403, "User bob is not in role admins.");
  }

  @Test
  @DisplayName("A-07: groups from LDAP also apply to proxy-authenticated users")
  void proxyUserWithLdapGroups() {
    // dev is allowed; bob (LDAP group devel) is not an allowed client.
    assertError(
        proxy.send(
            "POST",
            "/api/1/composes/",
            SslAuthIT.TAG_COMPOSE,
            Map.of("X-Remote-User", "bob@ODCS.TEST")),
        403,
        "User bob is not in role allowed_clients.");
  }

  @Test
  @DisplayName("A garbage Negotiate token is 401 with a Negotiate challenge; the token never shows")
  void garbageToken() throws Exception {
    assumeTrue(AuthServers.kdc() != null, LocalKdc.MISSING);
    String token =
        "YIIBgAYGKwYBBQUCoIIBdDCCAXCgMDAuBgkqhkiC9xIBAgIGCSqGSIb3EgECAgYKKwYBBAGCNwICHgYKKwYBBAGCNwICCqKCATo";
    var reply =
        new OdcsApi(server.baseUrl())
            .withHeader("Authorization", "Negotiate " + token)
            .post(Api.COMPOSES, SslAuthIT.TAG_COMPOSE);
    Api.assertErrorEnvelope(reply, 401);
    assertFalse(reply.body().contains(token.substring(20, 40)), reply.body());
    assertEquals("Negotiate", reply.raw().headers().firstValue("WWW-Authenticate").orElse(""));
    assertFalse(java.nio.file.Files.readString(server.log()).contains(token.substring(20, 40)));
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
