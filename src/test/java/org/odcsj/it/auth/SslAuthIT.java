package org.odcsj.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.odcsj.it.auth.ProxyClient.assertError;

import jakarta.json.JsonObject;
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

/**
 * The {@code ssl} backend (spec §6.4, catalog A-01..A-04) through HTTP against the shipped WAR: the
 * identity a TLS-terminating front proxy verified (mod_ssl's SSL_CLIENT_VERIFY and SSL_CLIENT_S_DN
 * as {@code X-SSL-Client-Verify} / {@code X-SSL-Client-S-DN}), believed only from the trusted proxy
 * address.
 */
@ExtendWith(TestEnvironment.class)
class SslAuthIT {

  static final String TAG_COMPOSE = "{\"source\": {\"type\": \"tag\", \"source\": \"f26\"}}";

  private static OdcsServer.Running server;
  private static ProxyClient proxy;

  @BeforeAll
  static void start() throws Exception {
    server = AuthServers.ssl();
    proxy = ProxyClient.trusted(server.baseUrl());
  }

  static Map<String, String> verified(String dn) {
    return Map.of("X-SSL-Client-Verify", "SUCCESS", "X-SSL-Client-S-DN", dn);
  }

  @Test
  @DisplayName("A-18: the ssl backend is installed (about); GET needs no identity")
  void backendReported() {
    AuthServers.assertBackendInstalled(server, "ssl");
  }

  @Test
  @DisplayName("A-01: a verified certificate's DN is the user (owner); groups are empty")
  void verifiedDnIsTheUser() {
    assertEquals(
        AuthServers.CLIENT_DN,
        proxy.submit(TAG_COMPOSE, verified(AuthServers.CLIENT_DN)).getString("owner"));
  }

  @Test
  @DisplayName("A-02: the same DN again is the same user")
  void knownDn() {
    proxy.submit(TAG_COMPOSE, verified(AuthServers.CLIENT_DN));
    assertEquals(
        AuthServers.CLIENT_DN,
        proxy.submit(TAG_COMPOSE, verified(AuthServers.CLIENT_DN)).getString("owner"));
  }

  @Test
  @DisplayName("A-01: an unknown DN authenticates but is not in allowed_clients (403, not 401)")
  void unknownDn() {
    String dn = "CN=stranger,DC=example,DC=com";
    assertError(
        proxy.send("POST", "/api/1/composes/", TAG_COMPOSE, verified(dn)),
        403,
        "User " + dn + " is not in role allowed_clients.");
  }

  @Test
  @DisplayName("A-01 over TLS: the client certificate's subject DN is the owner")
  void clientCertificate() throws Exception {
    var tls = AuthServers.tls();
    OdcsApi api = new OdcsApi(AuthServers.httpsUrl("ssl"), tls.client(tls.clientKeyStore()));
    JsonObject compose = Api.ok(api.post(Api.COMPOSES, TAG_COMPOSE));
    assertEquals(AuthServers.CLIENT_DN, compose.getString("owner"));
    // The admin's certificate removes it once it failed (no Koji here); the client's may not.
    long id = Api.id(compose);
    api.awaitState(id, Duration.ofSeconds(60), "failed", "done");
    Api.assertError(
        api.delete(Api.COMPOSES + id),
        403,
        "User " + AuthServers.CLIENT_DN + " is not in role admins.");
    OdcsApi admin = new OdcsApi(AuthServers.httpsUrl("ssl"), tls.client(tls.adminKeyStore()));
    assertEquals(202, admin.delete(Api.COMPOSES + id).status());
  }

  @Test
  @DisplayName("TLS without a client certificate: reads work, writes are 401 None")
  void tlsWithoutCertificate() throws Exception {
    var tls = AuthServers.tls();
    OdcsApi api = new OdcsApi(AuthServers.httpsUrl("ssl"), tls.client(null));
    assertEquals(200, api.get(Api.COMPOSES).status());
    Api.assertError(api.post(Api.COMPOSES, TAG_COMPOSE), 401, "Cannot verify client: None");
  }

  @Test
  @DisplayName("A certificate of an untrusted CA does not get through the handshake")
  void untrustedCertificate() throws Exception {
    var tls = AuthServers.tls();
    var http = tls.strangerClient();
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(AuthServers.httpsUrl("ssl") + Api.COMPOSES))
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TAG_COMPOSE))
            .build();
    org.junit.jupiter.api.Assertions.assertThrows(
        java.io.IOException.class,
        () -> http.send(request, java.net.http.HttpResponse.BodyHandlers.ofString()));
  }

  @Test
  @DisplayName("A-03: SSL_CLIENT_VERIFY=GENEROUS is 401 Cannot verify client: GENEROUS")
  void generousIsRefused() {
    assertError(
        proxy.send(
            "POST",
            "/api/1/composes/",
            TAG_COMPOSE,
            Map.of("X-SSL-Client-Verify", "GENEROUS", "X-SSL-Client-S-DN", AuthServers.CLIENT_DN)),
        401,
        "Cannot verify client: GENEROUS");
  }

  @Test
  @DisplayName("A-04: verified but no DN is 401 Unable to get user information (DN) …")
  void verifiedWithoutDn() {
    assertError(
        proxy.send("DELETE", "/api/1/composes/1", null, Map.of("X-SSL-Client-Verify", "SUCCESS")),
        401,
        "Unable to get user information (DN) from client certificate");
  }

  @Test
  @DisplayName("No certificate at all is 401 Cannot verify client: None")
  void nothing() {
    assertError(
        proxy.send("PATCH", "/api/1/composes/1", null, Map.of()),
        401,
        "Cannot verify client: None");
  }

  @Test
  @DisplayName("Identity headers from an untrusted address are ignored (401 None)")
  void untrustedHeadersIgnored() {
    assertError(
        ProxyClient.untrusted(server.baseUrl())
            .send("POST", "/api/1/composes/", TAG_COMPOSE, verified(AuthServers.ADMIN_DN)),
        401,
        "Cannot verify client: None");
  }

  @Test
  @DisplayName("Only admins remove: an admin DN removes, another DN is 403 not in role admins")
  void adminByDn() {
    long id =
        proxy.submit(TAG_COMPOSE, verified(AuthServers.CLIENT_DN)).getJsonNumber("id").longValue();
    var api = new org.odcsj.it.OdcsApi(server.baseUrl());
    api.awaitState(id, java.time.Duration.ofSeconds(60), "failed", "done");
    assertError(
        proxy.send("DELETE", "/api/1/composes/" + id, null, verified(AuthServers.CLIENT_DN)),
        403,
        "User " + AuthServers.CLIENT_DN + " is not in role admins.");
    var removed =
        proxy.send("DELETE", "/api/1/composes/" + id, null, verified(AuthServers.ADMIN_DN));
    assertEquals(202, removed.status(), removed::body);
  }
}
