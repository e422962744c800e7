package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odcsj.it.api.Api.COMPOSES;
import static org.odcsj.it.api.Api.assertErrorEnvelope;
import static org.odcsj.it.api.Api.composeUrl;
import static org.odcsj.it.api.Api.ok;
import static org.odcsj.it.api.ComposeRows.compose;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsApi.Reply;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.RawConfigFixture;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.TestPolicy;

/**
 * Spec §10.4 and §2.1–2.3, 2.9: the index page, {@code /about/}, unknown routes and methods,
 * trailing-slash redirects and CORS headers.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ApiMiscIT {

  private static OdcsApi api;

  @BeforeAll
  static void client() {
    api = Api.anonymous();
  }

  private static Optional<String> cors(Reply reply) {
    return reply.raw().headers().firstValue("Access-Control-Allow-Origin");
  }

  @Test
  void v20_indexPage() {
    Reply reply = api.get("/");
    assertEquals(200, reply.status());
    String contentType = reply.raw().headers().firstValue("Content-Type").orElse("");
    assertEquals(
        "text/html;charset=utf-8", contentType.replace(" ", "").toLowerCase(), contentType);
    assertTrue(reply.body().contains("On Demand Compose Service"), reply.body());
  }

  /** The allowed_clients of {@link TestPolicy#POLICY_YAML}, as JSON. */
  private static JsonObject policyAllowedClients() {
    return Api.parse(
        "{\"groups\": {\"composer\": {}, \"dev2\": {\"source_types\": [\"module\"]},"
            + " \"dev3\": {\"source_types\": [\"raw_config\"]}},"
            + " \"users\": {"
            + "\"dev\": {\"arches\": [\"ppc64\", \"s390\", \"x86_64\"], \"source_types\":"
            + " [\"tag\", \"module\", \"build\"]},"
            + " \"dev2\": {\"source_types\": [\"module\", \"raw_config\"], \"compose_types\":"
            + " [\"test\", \"nightly\"]},"
            + " \"dev3\": {\"source_types\": [\"tag\"], \"target_dirs\": [\"releng-private\"]},"
            + " \"dev4\": {\"source_types\": [\"raw_config\"], \"raw_config_keys\":"
            + " [\"pungi_cfg2\"]},"
            + " \"pulp-dev\": {\"source_types\": [\"pulp\"]}}}");
  }

  @Test
  void v21_aboutDescribesTheServer() {
    Reply reply = api.get("/api/1/about/");
    JsonObject about = ok(reply);
    assertFalse(about.getString("version").isBlank());
    assertEquals(
        Json.createObjectBuilder()
            .add("version", about.getString("version"))
            .add("auth_backend", "noauth")
            .add("raw_config_urls", Api.parse(RawConfigFixture.get().rawConfigUrls()))
            .add("allowed_clients", policyAllowedClients())
            .add("sigkeys", Json.createArrayBuilder())
            .build(),
        about);
    assertEquals("*", cors(reply).orElse(""));
  }

  @Test
  void aboutShowsDefaultSigkeysAndNoRawConfigs() throws Exception {
    JsonObject about = ok(new OdcsApi(OdcsServer.alt().baseUrl()).get("/api/1/about/"));
    assertEquals(
        Json.createArrayBuilder().add("x").add("y").build(), about.getJsonArray("sigkeys"));
    assertEquals(Json.createObjectBuilder().build(), about.getJsonObject("raw_config_urls"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"/api/1/nothing-here/", "/api/1/composes/1/extra", "/api/2/composes/"})
  void unknownRouteIsANotFoundEnvelope(String path) {
    assertErrorEnvelope(api.get(path), 404);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "PUT, /api/1/composes/1",
    "POST, /api/1/composes/1",
    "DELETE, /api/1/composes/",
    "PATCH, /api/1/composes/",
    "POST, /api/1/about/",
    "DELETE, /api/1/about/"
  })
  void wrongMethodIsAMethodNotAllowedEnvelope(String method, String path) {
    assertErrorEnvelope(api.send(method, path, "{}"), 405);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({
    "PATCH, /nothing-here",
    "PUT, /nothing-here",
    "DELETE, /api/",
    "PATCH, /api/",
    "PROPFIND, /api/2/composes/",
    "POST, /api/"
  })
  void anyMethodOnAnUnknownPathOutsideTheApiIsANotFoundEnvelope(String method, String path) {
    assertErrorEnvelope(api.send(method, path, "{}"), 404);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"PATCH, /", "PROPFIND, /", "DELETE, /", "PATCH, /composes/", "PUT, /composes/x"})
  void writesToThePagesOutsideTheApiAreAMethodNotAllowedEnvelope(String method, String path) {
    Reply reply = api.send(method, path, "{}");
    assertErrorEnvelope(reply, 405);
    assertEquals("GET, HEAD, OPTIONS", reply.raw().headers().firstValue("Allow").orElse(""));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/api/1/composes, /api/1/composes/",
    "/api/1/composes?owner=x&page=2, /api/1/composes/?owner=x&page=2",
    "/api/1/about, /api/1/about/"
  })
  void pathWithoutTrailingSlashIsPermanentlyRedirected(String path, String target) {
    Reply reply = api.get(path);
    assertEquals(308, reply.status(), reply::body);
    String location = reply.raw().headers().firstValue("Location").orElse("");
    String expected = OdcsServer.get().baseUrl() + target;
    assertTrue(location.equals(expected) || location.equals(target), location);
  }

  @Test
  void successfulReadsAllowAnyOrigin() {
    long id = compose().insert();
    assertEquals(Optional.of("*"), cors(api.get(composeUrl(id))));
    assertEquals(Optional.of("*"), cors(api.get(COMPOSES)));
    assertEquals(Optional.of("*"), cors(api.get("/api/1/about/")));
  }

  @Test
  void errorsWritesAndTheIndexPageCarryNoCorsHeader() {
    assertEquals(Optional.empty(), cors(api.get(composeUrl(999_999_999))));
    assertEquals(Optional.empty(), cors(api.get(COMPOSES + "?order_by=foo")));
    assertEquals(Optional.empty(), cors(api.get("/")));
    Reply posted =
        api.post(
            COMPOSES, "{\"source\": {\"type\": \"module\", \"source\": \"testmodule:master\"}}");
    assertEquals(200, posted.status(), posted::body);
    assertEquals(Optional.empty(), cors(posted));
    long id = compose().insert();
    Reply deleted = api.delete(composeUrl(id));
    assertEquals(202, deleted.status(), deleted::body);
    assertEquals(Optional.empty(), cors(deleted));
  }
}
