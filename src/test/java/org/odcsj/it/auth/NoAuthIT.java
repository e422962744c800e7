package org.odcsj.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.odcsj.it.api.Api.COMPOSES;
import static org.odcsj.it.api.Api.ok;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * The {@code noauth} backend (spec §6.1, catalog A-19) on the main server: no identity is loaded,
 * so credentials a client sends anyway — a bearer token no key could verify, a Negotiate header,
 * proxy identity headers from an address nobody trusts — change nothing.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class NoAuthIT {

  private static final String TAG_COMPOSE =
      "{\"source\": {\"type\": \"tag\", \"source\": \"f26\"}}";

  @Test
  @DisplayName("A-19: under noauth a bearer token is ignored; the owner is unknown")
  void bearerTokenIgnored() {
    OdcsApi api =
        new OdcsApi(OdcsServer.get().baseUrl()).withHeader("Authorization", "Bearer not.a.token");
    assertEquals("noauth", ok(api.get("/api/1/about/")).getString("auth_backend"));
    assertEquals(200, api.get(COMPOSES).status());
    JsonObject compose = ok(api.post(COMPOSES, TAG_COMPOSE));
    assertEquals("unknown", compose.getString("owner"));
  }

  @Test
  @DisplayName("A-19: under noauth Negotiate and proxy identity headers are ignored")
  void otherCredentialsIgnored() {
    OdcsApi api =
        new OdcsApi(OdcsServer.get().baseUrl())
            .withHeader("Authorization", "Negotiate YIIBgAYGKwYBBQUCoA==")
            .withHeader("X-Remote-User", "mallory@EXAMPLE.COM")
            .withHeader("X-SSL-Client-Verify", "SUCCESS")
            .withHeader("X-SSL-Client-S-DN", "CN=mallory");
    assertEquals("unknown", ok(api.post(COMPOSES, TAG_COMPOSE)).getString("owner"));
  }
}
