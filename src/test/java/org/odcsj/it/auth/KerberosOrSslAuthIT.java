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
 * The {@code kerberos_or_ssl} backend (spec §6.5, catalog) through HTTP against the
 * shipped WAR: Kerberos when the request carries it, else the client certificate.
 */
@ExtendWith(TestEnvironment.class)
class KerberosOrSslAuthIT {

  private static OdcsServer.Running server;
  private static ProxyClient proxy;

  @BeforeAll
  static void start() throws Exception {
    server = AuthServers.kerberosOrSsl();
    proxy = ProxyClient.trusted(server.baseUrl());
  }

  @Test
  @DisplayName("A-18: the kerberos_or_ssl backend is installed (about); GET needs no identity")
  void backendReported() {
    AuthServers.assertBackendInstalled(server, "kerberos_or_ssl");
  }

  @Test
  @DisplayName("A-05: with REMOTE_USER the Kerberos path is used")
  void kerberosPath() {
    assertEquals(
        "dev",
        proxy
            .submit(
                SslAuthIT.TAG_COMPOSE,
                Map.of(
                    "X-Remote-User", "dev@EXAMPLE.COM",
                    "X-SSL-Client-Verify", "SUCCESS",
                    "X-SSL-Client-S-DN", AuthServers.CLIENT_DN))
            .getString("owner"));
  }

  @Test
  @DisplayName("A-05 with a real ticket: SPNEGO wins over a client certificate")
  void spnegoOverTls() throws Exception {
    org.odcsj.it.infra.LocalKdc kdc = AuthServers.kdc();
    org.junit.jupiter.api.Assumptions.assumeTrue(kdc != null, org.odcsj.it.infra.LocalKdc.MISSING);
    var tls = AuthServers.tls();
    var api =
        new org.odcsj.it.OdcsApi(
                AuthServers.httpsUrl("kerberos_or_ssl"), tls.client(tls.clientKeyStore()))
            .withHeader(
                "Authorization",
                org.odcsj.it.infra.KerberosClient.login(kdc, "alice")
                    .negotiateHeader("HTTP@localhost"));
    // alice is not an allowed client: the 403 names her, not the certificate's DN.
    org.odcsj.it.api.Api.assertError(
        api.post("/api/1/composes/", SslAuthIT.TAG_COMPOSE),
        403,
        "User alice is not in role allowed_clients.");
  }

  @Test
  @DisplayName("A-06: with SSL variables only the SSL path is used")
  void sslPath() {
    assertEquals(
        AuthServers.CLIENT_DN,
        proxy
            .submit(SslAuthIT.TAG_COMPOSE, SslAuthIT.verified(AuthServers.CLIENT_DN))
            .getString("owner"));
  }

  @Test
  @DisplayName("A-06 over TLS: a client certificate and no Kerberos takes the SSL path")
  void sslPathOverTls() throws Exception {
    var tls = AuthServers.tls();
    var api =
        new org.odcsj.it.OdcsApi(
            AuthServers.httpsUrl("kerberos_or_ssl"), tls.client(tls.clientKeyStore()));
    assertEquals(
        AuthServers.CLIENT_DN,
        org.odcsj.it.api.Api.ok(api.post("/api/1/composes/", SslAuthIT.TAG_COMPOSE))
            .getString("owner"));
  }

  @Test
  @DisplayName("Neither is 401 Cannot verify client: None (the SSL path's message)")
  void neither() {
    assertError(
        proxy.send("POST", "/api/1/composes/", SslAuthIT.TAG_COMPOSE, Map.of()),
        401,
        "Cannot verify client: None");
  }
}
