package org.odcsj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.drills.DrillCluster;
import org.odcsj.drills.StateLog;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.TestEnvironment;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/**
 * Throughput of one and of two instances on one database, queue and compose directory: a burst of
 * composes ({@code no_reuse}) of a small repository submitted at once, timed from the first
 * submission until the last {@code done} message on the state-changed topic. Not a test: it runs
 * only under {@code ./mvnw -Pbench verify} and asserts correctness (every compose done), never
 * speed. Two instances on one machine share its processors: the figure that matters is on separate
 * machines; this one shows that the second instance takes its share without overhead.
 *
 * <p>System properties: {@code bench.scaleout.composes} (60 per round), {@code
 * bench.scaleout.packages} (100 packages in the source repository), {@code bench.warmup} (5 untimed
 * composes per instance first).
 */
@ExtendWith(TestEnvironment.class)
class ScaleOutBenchmark {

  @Test
  void composesPerSecondWithOneAndTwoInstances() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed");
    int composes = Integer.getInteger("bench.scaleout.composes", 60);
    int packages = Integer.getInteger("bench.scaleout.packages", 100);
    int warmups = Integer.getInteger("bench.warmup", 5);
    Path repo =
        Files.createDirectories(
            TestEnvironment.current().itDir().resolve("repos").resolve("scale-out"));
    for (int i = 0; i < packages; i++) {
      TestRpms.builder("scale" + i, "1.0", "1", "noarch")
          .file("/usr/share/scale/" + i, "payload " + i + "\n")
          .build(repo);
    }
    TestRepos.createrepo(repo);
    String request =
        "{\"source\": {\"type\": \"repo\", \"source\": \""
            + repo
            + "\"}, \"arches\": [\"x86_64\"], \"flags\": [\"no_reuse\"]}";

    try (DrillCluster cluster = DrillCluster.create("scale", Map.of(), List.of());
        StateLog messages =
            StateLog.subscribe(TestEnvironment.current().broker(), cluster.topic())) {
      cluster.start("scale-a");
      List<OdcsApi> one = List.of(cluster.api("scale-a"));
      burst(one, request, warmups, messages);
      double single = burst(one, request, composes, messages);
      cluster.start("scale-b");
      List<OdcsApi> two = List.of(cluster.api("scale-a"), cluster.api("scale-b"));
      burst(List.of(cluster.api("scale-b")), request, warmups, messages);
      double pair = burst(two, request, composes, messages);
      System.out.printf(
          "%nScale-out: %d composes of %d packages; one instance %.2f composes/s,"
              + " two instances %.2f composes/s (ratio %.2f) on %d processors%n",
          composes,
          packages,
          single,
          pair,
          pair / single,
          Runtime.getRuntime().availableProcessors());
    }
  }

  /** Submits {@code count} composes round-robin and waits for all: composes per second. */
  private static double burst(List<OdcsApi> apis, String request, int count, StateLog messages)
      throws InterruptedException {
    Instant start = Instant.now();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(apis.get(i % apis.size()).submit(request).getJsonNumber("id").longValue());
    }
    Instant deadline = start.plus(Duration.ofMinutes(10));
    while (true) {
      Map<Long, List<String>> states = messages.all();
      long ended =
          ids.stream()
              .filter(
                  id -> {
                    List<String> s = states.getOrDefault(id, List.of());
                    return s.contains("done") || s.contains("failed");
                  })
              .count();
      if (ended == ids.size()) {
        for (long id : ids) {
          assertEquals("done", states.get(id).get(states.get(id).size() - 1), "compose " + id);
        }
        break;
      }
      assertTrue(Instant.now().isBefore(deadline), "composes still running after 10 minutes");
      Thread.sleep(50);
    }
    double seconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;
    System.out.printf(
        "%d composes on %d instance(s) in %.2f s: %.2f composes/s%n",
        count, apis.size(), seconds, count / seconds);
    return count / seconds;
  }
}
