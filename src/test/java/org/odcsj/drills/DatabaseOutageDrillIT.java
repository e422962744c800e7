package org.odcsj.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.infra.LocalPostgres;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/**
 * The database is down for 30 s. A server of its own on a PostgreSQL of its own, stopped ({@code
 * pg_ctl stop -m fast}) and started again on the same port and data: meanwhile every API answer is
 * a JSON 503 (never a 500 or a Java exception text) and {@code /health/ready} is 503; afterwards
 * everything works again without a restart, and the compose that was generating during the outage
 * ends {@code done} (or {@code failed} with a reason), never stranded in {@code generating}.
 */
@ExtendWith(TestEnvironment.class)
class DatabaseOutageDrillIT {

  private static final String NAME = "db-drill";
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  @Test
  void databaseDownFor30s() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed for the source repo");
    var infra = TestEnvironment.current();
    Path root = infra.itDir().resolve(NAME).resolve("web");
    Path repo = Files.createDirectories(root.resolve("repo"));
    for (String name : List.of("outage-a", "outage-b", "outage-c")) {
      TestRpms.builder(name, "1.0", "1", "noarch").build(repo);
    }
    TestRepos.createrepo(repo);
    LocalPostgres pg = LocalPostgres.start(infra.itDir().resolve(NAME), freePort());
    pg.createDatabase("odcs", "odcs", "odcs");
    try (TestHttpServer web = TestHttpServer.serve(root)) {
      // Holding the package downloads keeps a compose generating until the database is down.
      TestHttpServer.Gate packages = web.hold(path -> path.endsWith(".rpm"));
      OdcsServer.Running server =
          OdcsServer.start(
              new OdcsServer.Profile(
                  NAME,
                  "odcs_db_drill",
                  true,
                  List.of(),
                  List.of(),
                  Map.of("ODCS_DB_URL", pg.jdbcUrl("odcs"))));
      TimedHttp http = new TimedHttp(server.baseUrl());
      String body =
          "{\"source\": {\"type\": \"repo\", \"source\": \""
              + web.url()
              + "/repo\"}, \"arches\": [\"x86_64\"], \"flags\": [\"no_reuse\"]}";
      long generating = submit(http, body);
      assertTrue(packages.awaitRequest(TIMEOUT), "the compose downloads its packages");
      assertEquals("generating", compose(http, generating).getString("state_name"));

      pg.pause();
      Instant stopped = Instant.now();
      packages.open(); // the generation goes on and must record its outcome once it can
      List<TimedHttp.Answer> api = new ArrayList<>();
      TimedHttp.Answer lastReady = null;
      while (Instant.now().isBefore(stopped.plus(OUTAGE))) {
        api.add(http.get("/api/1/composes/"));
        api.add(http.get("/api/1/composes/" + generating));
        api.add(http.post("/api/1/composes/", body));
        api.add(http.get("/api/1/metrics/"));
        lastReady = http.get("/health/ready");
        assertEquals(200, http.get("/health/live").status(), "alive without its database");
        Thread.sleep(1000);
      }
      for (TimedHttp.Answer a : api) {
        assertEquals(503, a.status(), a::toString);
        JsonObject error = a.json();
        assertEquals(Set.of("status", "error", "message"), error.keySet(), a::toString);
        assertEquals("Service Unavailable", error.getString("error"), a::toString);
        assertTrue(
            error.getString("message").startsWith("The database is unavailable"), a::toString);
        assertFalse(a.body().contains("Exception"), a::toString);
        assertTrue(a.retryAfter() != null, () -> "no Retry-After: " + a);
      }
      assertEquals(503, lastReady.status(), lastReady::toString);
      assertTrue(lastReady.body().contains("DOWN"), lastReady::toString);

      pg.resume();
      Instant restarted = Instant.now();
      awaitReady(http);
      long readyAfter = Duration.between(restarted, Instant.now()).toMillis();
      JsonObject ended = awaitEnd(http, generating);
      String state = ended.getString("state_name");
      assertTrue(
          state.equals("done") || !ended.getString("state_reason", "").isBlank(), ended::toString);
      assertEquals("done", state, "the outcome waited for the database: " + ended);

      // Everything works again, without a restart; the POSTs of the outage stored nothing.
      long after = submit(http, body);
      assertEquals("done", awaitEnd(http, after).getString("state_name"));
      TimedHttp.Answer list = http.get("/api/1/composes/?per_page=100");
      assertEquals(200, list.status(), list::toString);
      Set<Long> ids = new TreeSet<>();
      list.json()
          .getJsonArray("items")
          .forEach(c -> ids.add(c.asJsonObject().getJsonNumber("id").longValue()));
      assertEquals(new TreeSet<>(Set.of(generating, after)), ids);
      System.out.printf(
          "Database drill: %d API answers during the %d s outage, all JSON 503 (slowest %d ms);"
              + " ready %d ms after the restart; compose %d generating during the outage: %s%n",
          api.size(),
          OUTAGE.toSeconds(),
          api.stream().mapToLong(TimedHttp.Answer::ms).max().orElse(0),
          readyAfter,
          generating,
          state);
    } finally {
      OdcsServer.stop(NAME);
      pg.stop();
    }
  }

  private static long submit(TimedHttp http, String body) {
    TimedHttp.Answer a = http.post("/api/1/composes/", body);
    assertEquals(200, a.status(), a::toString);
    return a.json().getJsonNumber("id").longValue();
  }

  private static JsonObject compose(TimedHttp http, long id) {
    TimedHttp.Answer a = http.get("/api/1/composes/" + id);
    assertEquals(200, a.status(), a::toString);
    return a.json();
  }

  private static void awaitReady(TimedHttp http) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    TimedHttp.Answer ready = http.get("/health/ready");
    while (ready.status() != 200) {
      assertTrue(Instant.now().isBefore(deadline), ready::toString);
      Thread.sleep(500);
      ready = http.get("/health/ready");
    }
  }

  private static JsonObject awaitEnd(TimedHttp http, long id) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (true) {
      JsonObject compose = compose(http, id);
      String state = compose.getString("state_name");
      if (state.equals("done") || state.equals("failed")) {
        return compose;
      }
      assertTrue(Instant.now().isBefore(deadline), () -> "compose " + id + " still " + state);
      Thread.sleep(250);
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
