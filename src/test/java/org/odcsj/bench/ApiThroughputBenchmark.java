package org.odcsj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.HelloRepo;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.testsupport.TestRepos;

/**
 * Throughput and latency of the API under {@code wrk} load (16 connections) on a server started
 * like the black-box ITs' (the shipped WAR, noauth) on the real PostgreSQL, at 1,000, 10,000 and
 * 100,000 composes (rows inserted straight into the real schema, {@link SeededComposes}). Cases:
 * the list in its default order and filtered by {@code state}, {@code owner} and {@code
 * source_type}, GET by a random id, and POST of a {@code repo} compose of a small local repository.
 * After each POST run it waits until every compose the run created is {@code done} and checks that
 * none is lost: at least as many created as wrk saw accepted, every one done. At the first size
 * each case runs twice: right after the server started (cold JIT), then warm.
 *
 * <p>Not a test: it runs only under {@code ./mvnw -Pbench verify -Dit.test=ApiThroughputBenchmark}
 * and asserts correctness (no failed request, nothing lost), never speed. The machine's load
 * average is printed beside the figures. Skipped when {@code wrk} is absent; the POST case is
 * skipped when {@code createrepo_c} is (it makes the source repository).
 *
 * <p>System properties: {@code bench.api.sizes} (1000,10000,100000), {@code bench.api.seconds} (12
 * per case), {@code bench.api.connections} (16), {@code bench.api.threads} (2), {@code
 * bench.api.post} (true), {@code bench.api.doneTimeoutSeconds} (900), {@code bench.api.cases} (the
 * cases to run, by name prefix: {@code post}, {@code list,get}; all by default).
 */
@ExtendWith(TestEnvironment.class)
class ApiThroughputBenchmark {

  private record Case(String name, String path, String script) {}

  private record Row(long size, String run, String name, Wrk.Result result, Cpu cpu, String load) {}

  /** CPU milliseconds per answered request: the server's JVM and PostgreSQL. */
  private record Cpu(double serverMs, double databaseMs) {}

  @Test
  void apiThroughput() throws Exception {
    assumeTrue(
        Wrk.available(), "wrk is needed for the API benchmark (Debian: apt-get install wrk)");
    long[] sizes =
        Arrays.stream(System.getProperty("bench.api.sizes", "1000,10000,100000").split(","))
            .mapToLong(s -> Long.parseLong(s.trim()))
            .toArray();
    int seconds = Integer.getInteger("bench.api.seconds", 12);
    Wrk wrk =
        new Wrk(
            Integer.getInteger("bench.api.threads", 2),
            Integer.getInteger("bench.api.connections", 16));
    boolean post =
        Boolean.parseBoolean(System.getProperty("bench.api.post", "true"))
            && TestRepos.createrepoAvailable();
    if (!post) {
      System.out.println("POST case skipped (createrepo_c absent or bench.api.post=false)");
    }
    // The shipped WAR (not the ITs' test WAR with its fault-injecting queries), own database.
    OdcsServer.Running server =
        OdcsServer.start(
            new OdcsServer.Profile("bench", "odcs_bench", false, List.of(), List.of(), Map.of()));
    Path work = Files.createDirectories(TestEnvironment.current().itDir().resolve("api-bench"));
    String postScript =
        post
            ? """
              wrk.method = "POST"
              wrk.headers["Content-Type"] = "application/json"
              wrk.body = '{"source": {"type": "repo", "source": "%s"}, "arches": ["x86_64"]}'
              """
                .formatted(HelloRepo.path())
            : null;

    List<Row> rows = new ArrayList<>();
    int pgPort = TestEnvironment.current().postgres().port();
    try (Connection db = TestEnvironment.current().postgres().connect(server.db())) {
      boolean first = true;
      for (long size : sizes) {
        SeededComposes.growTo(db, size);
        long ids = SeededComposes.maxId(db);
        List<Case> cases =
            new ArrayList<>(
                List.of(
                    new Case("list", "/api/1/composes/?per_page=20", null),
                    new Case("list state=done", "/api/1/composes/?per_page=20&state=done", null),
                    new Case(
                        "list owner=" + SeededComposes.OWNER_FILTER,
                        "/api/1/composes/?per_page=20&owner=" + SeededComposes.OWNER_FILTER,
                        null),
                    new Case(
                        "list source_type=" + SeededComposes.SOURCE_TYPE_FILTER,
                        "/api/1/composes/?per_page=20&source_type="
                            + SeededComposes.SOURCE_TYPE_FILTER,
                        null),
                    new Case(
                        "get by id",
                        "/",
                        """
                        math.randomseed(42)
                        request = function()
                          return wrk.format("GET", "/api/1/composes/" .. math.random(1, %d))
                        end
                        """
                            .formatted(ids))));
        if (post) {
          cases.add(new Case("post", "/api/1/composes/", postScript));
        }
        cases.removeIf(c -> !selected(c.name()));
        System.out.printf("%n%,d composes in the database; load %s%n", size, load());
        for (String run : first ? List.of("first", "warm") : List.of("warm")) {
          for (Case c : cases) {
            long before = SeededComposes.maxId(db);
            String load = load();
            double server0 = ProcessCpu.of(server.process().pid());
            double db0 = ProcessCpu.ofPostgres(pgPort);
            Wrk.Result result = wrk.run(server.baseUrl() + c.path(), seconds, c.script(), work);
            Cpu cpu =
                new Cpu(
                    (ProcessCpu.of(server.process().pid()) - server0) / result.requests(),
                    (ProcessCpu.ofPostgres(pgPort) - db0) / result.requests());
            System.out.printf(
                "  %-5s %-22s %s  CPU/request: server %.2f ms, PostgreSQL %.2f ms  load %s%n",
                run, c.name(), result.line(), cpu.serverMs(), cpu.databaseMs(), load);
            assertEquals(0, result.non2xx(), c.name() + ": every request answered 2xx");
            rows.add(new Row(size, run, c.name(), result, cpu, load));
            if (c.name().equals("post")) {
              awaitAllDone(db, before, result.accepted());
            }
          }
        }
        first = false;
      }
    }
    System.out.printf(
        "%nAPI throughput, %d connections, %d s per case"
            + " (composes | run | case | req/s | p50 ms | p99 ms | CPU ms per request: server,"
            + " PostgreSQL | load average):%n",
        Integer.getInteger("bench.api.connections", 16), seconds);
    for (Row r : rows) {
      System.out.printf(
          "| %,7d | %-5s | %-22s | %8.0f | %6.2f | %7.2f | %5.2f | %5.2f | %s |%n",
          r.size(),
          r.run(),
          r.name(),
          r.result().perSecond(),
          r.result().p50Ms(),
          r.result().p99Ms(),
          r.cpu().serverMs(),
          r.cpu().databaseMs(),
          r.load());
    }
  }

  /** Waits until every compose created after {@code afterId} is done; none may fail or be lost. */
  private static void awaitAllDone(Connection db, long afterId, long accepted) throws Exception {
    Instant t0 = Instant.now();
    Instant deadline = t0.plusSeconds(Long.getLong("bench.api.doneTimeoutSeconds", 900));
    long created;
    long done;
    long failed;
    do {
      Thread.sleep(500);
      try (PreparedStatement q =
          db.prepareStatement(
              "select count(*), count(*) filter (where state = 2),"
                  + " count(*) filter (where state = 4) from composes where id > ?")) {
        q.setLong(1, afterId);
        try (ResultSet r = q.executeQuery()) {
          r.next();
          created = r.getLong(1);
          done = r.getLong(2);
          failed = r.getLong(3);
        }
      }
    } while (done + failed < created && Instant.now().isBefore(deadline));
    System.out.printf(
        "        post: %d accepted by wrk's count, %d created, %d done, %d failed;"
            + " all settled %.1f s after the run%n",
        accepted, created, done, failed, Duration.between(t0, Instant.now()).toMillis() / 1e3);
    assertTrue(created >= accepted, "every accepted compose is stored");
    assertEquals(0, failed, "no compose failed");
    assertEquals(created, done, "every accepted compose is done");
  }

  // bench.api.cases: comma-separated name prefixes ("post", "list,get"); empty = every case.
  private static boolean selected(String caseName) {
    String wanted = System.getProperty("bench.api.cases", "");
    return wanted.isBlank()
        || Arrays.stream(wanted.split(",")).anyMatch(w -> caseName.startsWith(w.trim()));
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "?";
    }
  }
}
