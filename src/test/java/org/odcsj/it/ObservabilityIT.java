package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Metrics and health of the running service, against real PostgreSQL and Artemis. */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ObservabilityIT {

  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());

  @Test
  void metricsCountComposesByTypeAndStateAndTimeGenerations() throws Exception {
    var before = api.get("/api/1/metrics/");
    assertEquals(200, before.status());
    assertTrue(
        before.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
    assertTrue(before.body().contains("# HELP composes_total Total number of composes"));
    assertEquals(35, count(before.body(), "^composes_total\\{", Pattern.MULTILINE));
    double doneBefore =
        sample(before.body(), "composes_total{source_type=\"repo\",state=\"done\"}");
    double timedBefore =
        sample(before.body(), "odcs_generation_duration_seconds_count{outcome=\"done\"}");

    long id =
        api.submit("{\"source\": {\"type\": \"repo\", \"source\": \"" + HelloRepo.path() + "\"}}")
            .getJsonNumber("id")
            .longValue();
    JsonObject done = api.awaitState(id, Duration.ofSeconds(60), "done", "failed");
    assertEquals("done", done.getString("state_name"));

    String after = api.get("/api/1/metrics/").body();
    assertTrue(
        sample(after, "composes_total{source_type=\"repo\",state=\"done\"}") >= doneBefore + 1);
    assertEquals(
        timedBefore + 1, sample(after, "odcs_generation_duration_seconds_count{outcome=\"done\"}"));
  }

  @Test
  void serverMetricsOfMicroProfileAreServedToo() {
    var reply = api.get("/metrics");
    assertEquals(200, reply.status(), reply.body());
    assertTrue(reply.body().contains("mp_scope=\"base\""), reply.body());
  }

  @Test
  void readyOnlyWhileTheDatabaseAnswers() throws Exception {
    var ready = api.get("/health/ready");
    assertEquals(200, ready.status(), ready.body());
    assertTrue(ready.body().contains("\"database\""), ready.body());
    assertTrue(ready.body().contains("\"broker\""), ready.body());
    assertTrue(ready.body().contains("\"target-dir\""), ready.body());
    assertEquals(200, api.get("/health/live").status());

    var postgres = TestEnvironment.current().postgres();
    postgres.pause();
    try {
      var down = awaitStatus("/health/ready", 503, Duration.ofSeconds(30));
      assertTrue(down.body().contains("DOWN"), down.body());
      assertEquals(200, api.get("/health/live").status(), "still alive without a database");
    } finally {
      postgres.resume();
    }
    awaitStatus("/health/ready", 200, Duration.ofSeconds(60));
    assertEquals(200, api.get("/api/1/composes/?per_page=1").status(), "the API works again");
  }

  private OdcsApi.Reply awaitStatus(String path, int status, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    OdcsApi.Reply reply = api.get(path);
    while (reply.status() != status) {
      assertTrue(
          Instant.now().isBefore(deadline),
          path + " did not become " + status + ": " + reply.status() + " " + reply.body());
      OdcsApi.sleep(500);
      reply = api.get(path);
    }
    return reply;
  }

  private static double sample(String metrics, String series) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    assertTrue(m.find(), "no sample " + series);
    return Double.parseDouble(m.group(1));
  }

  private static int count(String text, String regex, int flags) {
    Matcher m = Pattern.compile(regex, flags).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
