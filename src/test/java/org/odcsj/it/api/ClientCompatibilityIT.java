package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.HelloRepo;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Catalog §10.13: the requests the stock ODCS python client sends (bodies, paths and methods as its
 * tests pin them) are accepted by our server and do what the client expects. The client's
 * authentication modes (C-03..C-06) need servers with those backends: they are in {@code
 * it.auth.ClientAuthCompatibilityIT}. Purely client-internal items have no server side: C-01
 * (argument type checks), C-07 ({@code verify=False} is a TLS option of the client) and C-23 (the
 * constant 10 s sleep of {@code --watch}); for the waiting items (C-20..C-22) the server's part is
 * that the states a client polls are consistent, tested here.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ClientCompatibilityIT {

  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());
  private final HttpClient followingClient =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

  /**
   * C-02: the client joins {@code http://localhost/} with {@code api/1/composes/} whether it was
   * given {@code composes/} or {@code /composes/}; the server answers that URL with the list, and
   * also the spelling without the trailing slash (redirected, GET follows redirects).
   */
  @Test
  void c02_bothSpellingsOfTheListUrlReachTheList() throws Exception {
    for (String path : List.of("/api/1/composes/", "/api/1/composes")) {
      HttpResponse<String> list =
          followingClient.send(
              HttpRequest.newBuilder(URI.create(OdcsServer.get().baseUrl() + path)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, list.statusCode(), path);
      assertTrue(list.body().contains("\"items\""), path);
      assertTrue(list.body().contains("\"meta\""), path);
      assertEquals(
          OdcsServer.get().baseUrl() + "/api/1/composes/", list.uri().toString(), "final URL");
    }
  }

  /** C-10: DELETE of an unknown compose is answered 404 (the client raises), as a JSON envelope. */
  @Test
  void c10_deleteOfAnUnknownComposeIs404() {
    var reply = api.send("DELETE", "/api/1/composes/999999999", null);
    assertEquals(404, reply.status());
    assertEquals(404, reply.json().getInt("status"));
    assertEquals("Not Found", reply.json().getString("error"));
  }

  /**
   * C-15: {@code ComposeSourcePulp(["content-set1", "content-set2"])}'s body reaches the permission
   * check: pulp is not a source type of this server (nor of user dev), so 403 naming it.
   */
  @Test
  void c15_pulpSourceBodyIsRefusedWherePulpIsNotAllowed() {
    var reply =
        api.as("dev")
            .post(
                "/api/1/composes/",
                "{\"source\": {\"source\": \"content-set1 content-set2\", \"type\": \"pulp\"}}");
    assertEquals(403, reply.status(), reply.body());
    assertEquals(
        "User dev not allowed to operate with compose with source_types=pulp.",
        reply.json().getString("message"));
  }

  /**
   * C-20, C-21: a waiting client polls until the state is neither wait nor generating (its timeout
   * arithmetic is its own). The server's part: the states it sees never go backwards, and the first
   * state that ends the wait is final (done stays done between polls).
   */
  @Test
  void c20_c21_statesAWaitingClientPollsNeverGoBackwards() throws Exception {
    long id =
        api.submit(
                "{\"source\": {\"type\": \"repo\", \"source\": \""
                    + HelloRepo.path()
                    + "\"}, \"flags\": [\"no_reuse\"]}")
            .getJsonNumber("id")
            .longValue();
    List<String> order = List.of("wait", "generating", "done");
    List<String> seen = new ArrayList<>();
    Instant deadline = Instant.now().plusSeconds(60);
    String state = "wait";
    while (state.equals("wait") || state.equals("generating")) {
      assertTrue(Instant.now().isBefore(deadline), "still " + state + " after 60 s: " + seen);
      state = api.compose(id).getString("state_name");
      if (seen.isEmpty() || !seen.get(seen.size() - 1).equals(state)) {
        seen.add(state);
      }
      Thread.sleep(20);
    }
    assertEquals("done", state, seen::toString);
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(order.indexOf(seen.get(i - 1)) < order.indexOf(seen.get(i)), seen::toString);
    }
    Thread.sleep(1000);
    assertEquals("done", api.compose(id).getString("state_name"));
  }

  /**
   * C-22: the client gives up after its timeout while the compose stays {@code wait}. The server's
   * part: a compose that nothing generates (a row without a generation request) stays {@code wait}
   * across the client's polls, 1 + 2 + 3 + 4 s apart, with nothing changed.
   */
  @Test
  void c22_composeNobodyGeneratesStaysWaitBetweenPolls() throws Exception {
    long id = ComposeRows.compose().tag("c22").state(ComposeRows.WAIT).insert();
    JsonObject first = api.compose(id);
    assertEquals("wait", first.getString("state_name"));
    for (int sleep : new int[] {1, 2, 3, 4}) {
      Thread.sleep(sleep * 1000L);
      assertEquals(first, api.compose(id));
    }
  }

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

  /**
   * C-25: {@code ComposeLog.read()} asks for {@code Range: bytes=<offset>-}, advances the offset by
   * what it got and takes 416 as "nothing new". Reading a done compose's log that way returns the
   * whole log piece by piece: 200 or 206 while there is more, 416 at the end.
   */
  @Test
  void c25_successiveRangedReadsOfTheLogAdvanceToA416() throws Exception {
    long id =
        api.submit(
                "{\"source\": {\"type\": \"repo\", \"source\": \""
                    + HelloRepo.path()
                    + "\"}, \"flags\": [\"no_reuse\"]}")
            .getJsonNumber("id")
            .longValue();
    JsonObject done = api.awaitState(id, Duration.ofSeconds(60), "done", "failed");
    String url = done.getString("toplevel_url") + "/pungi-stderr.log";
    String whole =
        followingClient
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertFalse(whole.isEmpty());
    // The first read starts at 0 (200 or 206 with everything), then the client's offset is at the
    // end: 416, repeatedly, with nothing new.
    HttpResponse<String> first = ranged(url, 0);
    assertTrue(first.statusCode() == 200 || first.statusCode() == 206, "" + first.statusCode());
    assertEquals(whole, first.body());
    int offset = first.body().getBytes(StandardCharsets.UTF_8).length;
    assertEquals(416, ranged(url, offset).statusCode());
    assertEquals(416, ranged(url, offset).statusCode());
    // Reading from the middle gives exactly the rest (what a client that read half already gets).
    int half = offset / 2;
    HttpResponse<String> rest = ranged(url, half);
    assertEquals(206, rest.statusCode());
    byte[] bytes = whole.getBytes(StandardCharsets.UTF_8);
    assertEquals(
        new String(java.util.Arrays.copyOfRange(bytes, half, bytes.length), StandardCharsets.UTF_8),
        rest.body());
    assertEquals(
        416, ranged(url, half + rest.body().getBytes(StandardCharsets.UTF_8).length).statusCode());
  }

  private HttpResponse<String> ranged(String url, int offset) throws Exception {
    return followingClient.send(
        HttpRequest.newBuilder(URI.create(url)).header("Range", "bytes=" + offset + "-").build(),
        HttpResponse.BodyHandlers.ofString());
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
