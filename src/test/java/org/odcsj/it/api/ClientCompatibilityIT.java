package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Catalog §10.13: the requests the stock ODCS python client sends (bodies, paths and methods as its
 * tests pin them) are accepted by our server and do what the client expects. Client-internal items
 * (argument checks, retries, sleeps: C-01..C-07, C-10, C-20..C-23) have no server side.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ClientCompatibilityIT {

  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());
  private final HttpClient followingClient =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  @Test
  void c08_getComposeById() {
    long id = ComposeRows.compose().tag("c08").state(ComposeRows.WAIT).insert();
    assertEquals(id, api.compose(id).getJsonNumber("id").longValue());
  }

  @Test
  void c09_aboutWithoutTrailingSlashIsRedirectedAndAnswered() throws Exception {
    HttpResponse<String> about =
        followingClient.send(
            HttpRequest.newBuilder(URI.create(OdcsServer.get().baseUrl() + "/api/1/about")).build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, about.statusCode());
    assertTrue(about.body().contains("\"auth_backend\""));
  }

  @Test
  void c11_deleteAnsweredWith202Json() {
    long id = ComposeRows.compose().tag("c11").state(ComposeRows.WAIT).insert();
    var reply = api.send("DELETE", "/api/1/composes/" + id, null);
    assertEquals(202, reply.status());
    assertEquals(202, reply.json().getInt("status"));
  }

  @Test
  void c12_newComposeBodyOfTheClient() {
    JsonObject compose =
        api.submit(
            "{\"source\": {\"source\": \"cf-1.0-rhel-5\", \"type\": \"tag\", \"packages\":"
                + " [\"libdnet\"], \"sigkeys\": [\"123\", \"456\"], \"koji_event\": 123456},"
                + " \"results\": [\"boot.iso\"]}");
    assertEquals("cf-1.0-rhel-5", compose.getString("source"));
    assertEquals("libdnet", compose.getString("packages"));
    assertEquals("123 456", compose.getString("sigkeys"));
    assertEquals(123456, compose.getInt("koji_event"));
    assertEquals("[\"repository\",\"boot.iso\"]", compose.getJsonArray("results").toString());
  }

  @Test
  void c13_c14_c16_c17_composeSourceBodies() {
    // raw_config is not a server-wide source type here: send it as dev2, who may use it.
    assertEquals(
        "f32",
        api.submit("{\"source\": {\"source\": \"f32\", \"type\": \"tag\"}}").getString("source"));
    assertEquals(
        "testmodule:master foo:bar",
        api.submit(
                "{\"source\": {\"source\": \"testmodule:master foo:bar\", \"type\": \"module\"}}")
            .getString("source"));
    assertEquals(
        5,
        api.as("dev2")
            .submit("{\"source\": {\"source\": \"pungi_cfg#commit\", \"type\": \"raw_config\"}}")
            .getInt("source_type"));
    JsonObject build =
        api.submit(
            "{\"source\": {\"source\": \"\", \"type\": \"build\", \"builds\": [\"foo-1-1\","
                + " \"bar-1-1\"]}}");
    assertEquals("foo-1-1 bar-1-1", build.getString("builds"));
  }

  @Test
  void c18_renewWithTheLegacySecondsToLiveKey() {
    long id =
        ComposeRows.compose()
            .tag("c18")
            .state(ComposeRows.DONE)
            .expires(Instant.now().plusSeconds(30))
            .insert();
    var reply = api.send("PATCH", "/api/1/composes/" + id, "{\"seconds-to-live\": 600}");
    assertEquals(200, reply.status(), reply.body());
    assertEquals(id, reply.json().getJsonNumber("id").longValue());
    assertTrue(
        Instant.parse(reply.json().getString("time_to_expire"))
            .isAfter(Instant.now().plusSeconds(500)));
  }

  @Test
  void c19_findComposesWithTheClientsParameters() {
    ComposeRows.compose().owner("unknown").tag("c19").state(ComposeRows.WAIT).insert();
    var first = api.get("/api/1/composes/?owner=unknown&source_type=tag");
    assertEquals(200, first.status(), first.body());
    assertTrue(first.json().getJsonArray("items").size() > 0);
    assertEquals(200, api.get("/api/1/composes/?owner=unknown&source_type=tag&page=2").status());
  }

  @Test
  void c24_logOfAComposeWithoutOneIs404WithRange() throws Exception {
    long id = ComposeRows.compose().tag("c24").state(ComposeRows.WAIT).insert();
    String url = api.compose(id).getString("toplevel_url") + "/pungi-stderr.log";
    HttpResponse<String> log =
        followingClient.send(
            HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=0-").build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(404, log.statusCode());
  }
}
