package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The per-compose generation log, served where the ODCS client's {@code --watch} follows it ({@code
 * <toplevel_url>/pungi-stderr.log} with {@code Range: bytes=N-}), and the progress of a generating
 * compose.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ComposeLogIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void doneComposeLogTellsWhatWasReadAndWrittenAndSupportsRanges() throws Exception {
    long id =
        api.submit(
                "{\"source\": {\"type\": \"repo\", \"source\": \""
                    + HelloRepo.path()
                    + "\"}, \"arches\": [\"x86_64\", \"i686\"], \"flags\": [\"no_reuse\"]}")
            .getJsonNumber("id")
            .longValue();
    JsonObject done = api.awaitState(id, TIMEOUT, "done", "failed");
    assertEquals("done", done.getString("state_name"));
    String logUrl = done.getString("toplevel_url") + "/pungi-stderr.log";

    HttpResponse<String> whole = get(logUrl, null);
    assertEquals(200, whole.statusCode());
    String log = whole.body();
    assertTrue(log.contains("Read 3 packages from " + HelloRepo.path()), log);
    assertTrue(log.contains("x86_64: 2 packages"), log);
    assertTrue(log.contains("i686: 2 packages"), log);
    assertTrue(log.contains("writing the x86_64 repository took "), log);
    assertTrue(log.contains("published with 4 packages"), log);
    assertEquals(log, get(done.getString("toplevel_url") + "/compose/logs/odcs.log", null).body());

    int half = log.getBytes(StandardCharsets.UTF_8).length / 2;
    HttpResponse<String> rest = get(logUrl, "bytes=" + half + "-");
    assertEquals(206, rest.statusCode());
    assertEquals(
        new String(
            java.util.Arrays.copyOfRange(
                log.getBytes(StandardCharsets.UTF_8),
                half,
                log.getBytes(StandardCharsets.UTF_8).length),
            StandardCharsets.UTF_8),
        rest.body());
    int size = log.getBytes(StandardCharsets.UTF_8).length;
    assertEquals(416, get(logUrl, "bytes=" + size + "-").statusCode(), "nothing new");
  }

  @Test
  void failedComposeLogIsServedToo() throws Exception {
    String missing = TestEnvironment.current().itDir().resolve("repos/missing-for-log").toString();
    long id =
        api.submit("{\"source\": {\"type\": \"repo\", \"source\": \"" + missing + "\"}}")
            .getJsonNumber("id")
            .longValue();
    JsonObject failed = api.awaitState(id, TIMEOUT, "done", "failed");
    HttpResponse<String> log = get(failed.getString("toplevel_url") + "/pungi-stderr.log", null);
    assertEquals(200, log.statusCode());
    assertTrue(log.body().contains("FAILED: source repository " + missing + " does not exist"));
  }

  @Test
  void logOfAnUnknownComposeIs404() throws Exception {
    assertEquals(
        404,
        get(OdcsServer.get().baseUrl() + "/composes/odcs-999999/pungi-stderr.log", null)
            .statusCode());
  }

  @Test
  void generatingComposeShowsItsProgress() throws Exception {
    long id;
    try (Connection db = TestEnvironment.current().postgres().connect(OdcsServer.get().db());
        var st =
            db.prepareStatement(
                "insert into composes (id, owner, source_type, source, state, time_submitted,"
                    + " time_started, time_to_expire, arches, target_dir, progress_phase,"
                    + " progress_percent) values (nextval('compose_id_seq'), 'progress', 3,"
                    + " '/x', 1, now(), now(), now() + interval '1 hour', 'x86_64', 'default',"
                    + " 'writing the x86_64 repository', 42) returning id")) {
      var rs = st.executeQuery();
      rs.next();
      id = rs.getLong(1);
    }
    JsonObject generating = api.compose(id);
    assertEquals("generating", generating.getString("state_name"));
    JsonObject progress = generating.getJsonObject("progress");
    assertEquals("writing the x86_64 repository", progress.getString("phase"));
    assertEquals(42, progress.getInt("percent"));
    JsonObject listed =
        api.get("/api/1/composes/?owner=progress").json().getJsonArray("items").getJsonObject(0);
    assertEquals(progress, listed.getJsonObject("progress"));
  }

  private HttpResponse<String> get(String url, String range) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(url));
    if (range != null) {
      request.header("Range", range);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
