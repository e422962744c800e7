package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.Queue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Catalog §10.11 (M-01..M-04) and V-19, against rows seeded in the server's real database and the
 * run's real broker. Our instances stand for ODCS's Celery workers (each records a heartbeat) and
 * the generation queue for its task queues.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class MetricsCatalogIT {

  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());

  @Test
  void v19_metricsHaveTheComposesTotalHelp() {
    var reply = api.get("/api/1/metrics/");
    assertEquals(200, reply.status());
    assertTrue(reply.body().contains("HELP composes_total Total number of composes"));
  }

  @Test
  void m01_composesTotalCountsEveryTypeAndStateCombination() throws Exception {
    String before = api.get("/api/1/metrics/").body();
    assertEquals(35, count(before, "^composes_total\\{"));
    String module = "composes_total{source_type=\"module\",state=\"wait\"}";
    String tag = "composes_total{source_type=\"tag\",state=\"wait\"}";
    double moduleBefore = sample(before, module);
    double tagBefore = sample(before, tag);
    // Seeded rows in wait are never picked up (no message), so these two counts are stable.
    ComposeRows.compose().module("m01:master").state(ComposeRows.WAIT).insert();
    ComposeRows.compose().tag("m01-tag").state(ComposeRows.WAIT).insert();
    String after = api.get("/api/1/metrics/").body();
    assertEquals(moduleBefore + 1, sample(after, module));
    assertEquals(tagBefore + 1, sample(after, tag));
    assertEquals(35, count(after, "^composes_total\\{"));
  }

  @Test
  void m02_rawConfigSourcesSeenLessThanFiveTimesAreAggregated() throws Exception {
    String name = "m02" + UUID.randomUUID().toString().substring(0, 8);
    Instant later = Instant.now().plusSeconds(3600);
    for (int i = 0; i < 15; i++) {
      ComposeRows.compose()
          .rawConfig(name + "#bar")
          .state(ComposeRows.DONE)
          .expires(later)
          .insert();
    }
    for (int i = 0; i < 10; i++) {
      ComposeRows.compose()
          .rawConfig(name + "#hash" + i)
          .state(ComposeRows.DONE)
          .expires(later)
          .insert();
    }
    String metrics = api.get("/api/1/metrics/").body();
    assertEquals(
        15, sample(metrics, "raw_config_composes_count_total{source=\"" + name + "#bar\"}"));
    assertEquals(
        10,
        sample(
            metrics,
            "raw_config_composes_count_total{source=\"" + name + "#other_commits_or_branches\"}"));
    assertEquals(
        15,
        sample(metrics, "raw_config_composes_total{source=\"" + name + "#bar\",state=\"done\"}"));
    assertEquals(
        0,
        sample(metrics, "raw_config_composes_total{source=\"" + name + "#bar\",state=\"wait\"}"));
  }

  @Test
  void m03_queueLengthCountsGenerationRequestsWaitingInTheQueue() throws Exception {
    String queueName = "odcs.compose.generate";
    String series = "celery_queue_length{queue_name=\"" + queueName + "\"}";
    Queue queue =
        TestEnvironment.current().broker().server().locateQueue(SimpleString.of(queueName));
    assertNotNull(queue, "the server consumes " + queueName);
    // Generation paused: the broker delivers nothing to the server's consumers meanwhile.
    queue.pause();
    List<Long> submitted = new ArrayList<>();
    try {
      double before = sample(api.get("/api/1/metrics/").body(), series);
      for (int i = 0; i < 3; i++) {
        submitted.add(
            api.submit("{\"source\": {\"type\": \"tag\", \"source\": \"m03-" + i + "\"}}")
                .getJsonNumber("id")
                .longValue());
      }
      double waiting = sample(api.get("/api/1/metrics/").body(), series);
      assertEquals(before + 3, waiting);
      assertEquals(queue.getMessageCount() - queue.getDeliveringCount(), (long) waiting);
      for (long id : submitted) {
        assertEquals("wait", api.compose(id).getString("state_name"), "nothing generates it");
      }
    } finally {
      for (long id : submitted) {
        api.delete("/api/1/composes/" + id);
      }
      queue.resume();
    }
    // Once delivered, the requests no longer wait.
    Instant deadline = Instant.now().plusSeconds(30);
    while (sample(api.get("/api/1/metrics/").body(), series) != 0) {
      assertTrue(Instant.now().isBefore(deadline), "the queue never drained");
      Thread.sleep(200);
    }
  }

  @Test
  void m04_workersAreTheInstancesWithARecentHeartbeat() throws Exception {
    String metrics = api.get("/api/1/metrics/").body();
    assertEquals(1, sample(metrics, "celery_workers_expected"));
    // The main server is the only instance on its database: it reports itself alive.
    List<String> alive = workers(metrics, "1.0");
    assertEquals(1, alive.size(), metrics);
    assertTrue(alive.get(0).matches("\\d+@.+"), alive.get(0));
    assertEquals(1, sample(metrics, "celery_workers_totals"));
    String one = "worker-1@localhost";
    String two = "worker-2@localhost";
    try {
      // Two more instances that beat just now (a minute ahead: the window is 3 s here).
      sql(
          "insert into instance_heartbeats (instance_name, last_seen) values"
              + " ('"
              + one
              + "', now() + interval '1 minute'),"
              + " ('"
              + two
              + "', now() + interval '1 minute')");
      metrics = api.get("/api/1/metrics/").body();
      assertEquals(3, sample(metrics, "celery_workers_totals"));
      assertEquals(1, sample(metrics, "celery_workers{worker_name=\"" + one + "\"}"));
      assertEquals(1, sample(metrics, "celery_workers{worker_name=\"" + two + "\"}"));
      // worker-2 stops beating: still listed, as 0.
      sql(
          "update instance_heartbeats set last_seen = now() - interval '1 hour'"
              + " where instance_name = '"
              + two
              + "'");
      metrics = api.get("/api/1/metrics/").body();
      assertEquals(2, sample(metrics, "celery_workers_totals"));
      assertEquals(1, sample(metrics, "celery_workers{worker_name=\"" + one + "\"}"));
      assertEquals(0, sample(metrics, "celery_workers{worker_name=\"" + two + "\"}"));
      assertEquals(List.of(alive.get(0), one), workers(metrics, "1.0"));
    } finally {
      sql("delete from instance_heartbeats where instance_name in ('" + one + "', '" + two + "')");
    }
  }

  private static List<String> workers(String metrics, String value) {
    Matcher m =
        Pattern.compile(
                "^celery_workers\\{worker_name=\"([^\"]+)\"\\} " + Pattern.quote(value) + "$",
                Pattern.MULTILINE)
            .matcher(metrics);
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
    }
    return names;
  }

  private static void sql(String statement) throws Exception {
    try (Connection db = TestEnvironment.current().postgres().connect(OdcsServer.get().db());
        Statement st = db.createStatement()) {
      st.executeUpdate(statement);
    }
  }

  private static double sample(String metrics, String series) {
    Matcher m =
        Pattern.compile("^" + Pattern.quote(series) + " (\\S+)$", Pattern.MULTILINE)
            .matcher(metrics);
    assertTrue(m.find(), "no sample " + series);
    return Double.parseDouble(m.group(1));
  }

  private static int count(String text, String regex) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
