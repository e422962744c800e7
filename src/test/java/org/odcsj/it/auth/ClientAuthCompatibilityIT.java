package org.odcsj.it.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.api.Api;

/**
 * Catalog §10.13, the client's authentication modes (C-03..C-06): the server side of the requests
 * the stock python client sends with each {@code AuthMech}, against the servers of that backend
 * (shared with the other auth tests). POST and PATCH are sent without following redirects by the
 * client, so each answer here must be final: never a 3xx.
 */
@ExtendWith(TestEnvironment.class)
class ClientAuthCompatibilityIT {

  private static final String TAG_COMPOSE =
      "{\"source\": {\"type\": \"tag\", \"source\": \"f26\"}}";

  /**
   * C-03: the client prints the body of any answer other than 200/202 and raises on it. A 401 is a
   * JSON error envelope (what the client prints), for every write method.
   */
  @Test
  void c03_unauthenticatedWritesAre401JsonEnvelopes() throws Exception {
    OdcsApi anonymous = new OdcsApi(AuthServers.openIdc().baseUrl());
    for (OdcsApi.Reply reply :
        new OdcsApi.Reply[] {
          anonymous.post(Api.COMPOSES, TAG_COMPOSE),
          anonymous.patch(Api.COMPOSES + "1", null),
          anonymous.delete(Api.COMPOSES + "1")
        }) {
      Api.assertError(reply, 401, "REMOTE_USER is not present in request.");
      assertTrue(
          reply
              .raw()
              .headers()
              .firstValue("Content-Type")
              .orElse("")
              .startsWith("application/json"));
    }
  }

  /**
   * C-04: a Kerberos POST of the client carries no body when none is given (here the principal as a
   * Kerberos-terminating front proxy passes it). The server authenticates it and then answers the
   * spec's 400 for a zero-length body (§2.6.1 step 4), not a redirect or a 401.
   */
  @Test
  void c04_kerberosPostWithoutABodyIsABadRequest() throws Exception {
    var response =
        ProxyClient.trusted(AuthServers.kerberos().baseUrl())
            .send("POST", Api.COMPOSES, null, Map.of("X-Remote-User", "dev@EXAMPLE.COM"));
    assertEquals(400, response.status(), response::body);
    assertTrue(
        response.json().getString("message").contains("Failed to decode JSON object"),
        response::body);
  }

  /**
   * C-05: an OIDC POST of the client: {@code Authorization: Bearer <token>} and {@code
   * Content-Type: application/json}. The body {@code {"id": 1}} of the client's test is parsed (and
   * is no compose request: 400 naming the source); a real request is accepted for the token's user.
   */
  @Test
  void c05_openIdcPostWithBearerTokenAndJson() throws Exception {
    String baseUrl = AuthServers.openIdc().baseUrl();
    String token =
        AuthServers.tokens()
            .token()
            .user("dev")
            .scopes(AuthServers.REQUIRED_SCOPE, AuthServers.NAMESPACE + "new-compose")
            .sign();
    OdcsApi client = new OdcsApi(baseUrl).withHeader("Authorization", "Bearer " + token);
    Api.assertErrorContains(
        client.post(Api.COMPOSES, "{\"id\": 1}"), 400, "Invalid source configuration provided");
    JsonObject compose = Api.ok(client.post(Api.COMPOSES, TAG_COMPOSE));
    assertEquals("dev", compose.getString("owner"));
  }

  /**
   * C-06: an SSL POST of the client: its certificate and key on the TLS connection, JSON body. The
   * certificate's subject DN is the owner.
   */
  @Test
  void c06_sslPostWithAClientCertificate() throws Exception {
    AuthServers.ssl();
    var tls = AuthServers.tls();
    OdcsApi client = new OdcsApi(AuthServers.httpsUrl("ssl"), tls.client(tls.clientKeyStore()));
    OdcsApi.Reply reply = client.post(Api.COMPOSES, TAG_COMPOSE);
    assertEquals(200, reply.status(), reply.body());
    assertEquals(AuthServers.CLIENT_DN, reply.json().getString("owner"));
  }
}
