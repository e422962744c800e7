package org.odcsj.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.compose.ComposeState;
import org.odcsj.it.HelloRepo;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/**
 * Item 6 of the crash issue: two servers on one PostgreSQL database, one Artemis broker (one
 * generation queue, one topic) and one compose directory, as the scale-out users run them. 100
 * composes submitted alternately to both are each generated exactly once and expired exactly once;
 * then one instance is killed with kill -9 in the middle of its composes and the other one finishes
 * them (it takes the dead instance's composes back once its heartbeat is 3 periods old). Before
 * that, one instance is frozen with SIGSTOP in the middle of its composes: the other one takes them
 * for dead and generates them, and when the frozen one resumes its late results are refused.
 */
@ExtendWith(TestEnvironment.class)
class TwoInstancesDrillIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(120);
  private static final Pattern DONE_LINE = Pattern.compile("Compose (\\d+) done in \\d+ ms");

  private DrillCluster cluster;
  private StateLog messages;
  private OdcsApi a;
  private OdcsApi b;

  @BeforeEach
  void twoInstances() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed for the source repos");
    // A short heartbeat, so a dead instance is noticed after 6 s.
    cluster = DrillCluster.create("pair", Map.of("ODCS_INSTANCE_HEARTBEAT_SECONDS", "2"));
    messages = StateLog.subscribe(TestEnvironment.current().broker(), cluster.topic());
    cluster.start("pair-a");
    cluster.start("pair-b");
    a = cluster.api("pair-a");
    b = cluster.api("pair-b");
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
    messages.close();
  }

  @Test
  void eachComposeIsGeneratedOnceAndTheSurvivorFinishesTheDeadInstancesComposes() throws Exception {
    // 1. 100 composes, alternately to each instance; short lives, so both expiry timers compete.
    Path hello = HelloRepo.path();
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      ids.add(submit(i % 2 == 0 ? a : b, hello.toString(), 2));
    }
    awaitStates(ids, "removed");
    Map<Long, List<String>> states = messages.all();
    for (long id : ids) {
      assertEquals(
          List.of("wait", "generating", "done", "removed"),
          states.get(id),
          "compose " + id + ": generated once, expired once");
      assertFalse(Files.exists(cluster.targetDir().resolve("odcs-" + id)), "files removed");
    }
    // Who generated what, from the servers' own logs: every compose by exactly one of them.
    Map<String, Integer> perInstance = new TreeMap<>();
    List<Long> generated = new ArrayList<>();
    for (String instance : List.of("pair-a", "pair-b")) {
      List<Matcher> lines = linesOf(instance);
      perInstance.put(instance, lines.size());
      lines.forEach(m -> generated.add(Long.parseLong(m.group(1))));
    }
    assertEquals(new TreeSet<>(ids), new TreeSet<>(generated));
    assertEquals(ids.size(), generated.size(), "no compose generated twice");
    System.out.println("Composes generated per instance: " + perInstance);
    assertTrue(perInstance.values().stream().allMatch(n -> n > 0), perInstance::toString);

    try (TestHttpServer web = slowSource()) {
      frozenInstanceIsTakenForDeadAndItsLateResultsAreRefused(web);
      killedInstancesComposesAreFinishedByTheOther(web);
    }
  }

  /**
   * 2. A stopped (SIGSTOP) instance looks dead: the other one generates its composes again; when it
   * resumes, its late results are refused and change nothing.
   */
  private void frozenInstanceIsTakenForDeadAndItsLateResultsAreRefused(TestHttpServer web)
      throws Exception {
    TestHttpServer.Gate downloads = web.hold(path -> path.endsWith(".rpm"));
    List<Long> slow = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      slow.add(submit(i % 2 == 0 ? a : b, web.url() + "/slow", 86400));
    }
    List<Long> frozen = awaitGeneratingOn("pair-a");
    signal("STOP", cluster.server("pair-a"));
    try {
      // b takes them back once a's heartbeat is 3 periods old (b's sessions may all be held).
      awaitRequeued(frozen);
      downloads.open();
      for (long id : slow) {
        JsonObject c = b.awaitState(id, TIMEOUT, "done", "failed");
        assertEquals("done", c.getString("state_name"), c::toString);
      }
    } finally {
      signal("CONT", cluster.server("pair-a"));
    }
    for (long id : frozen) {
      // Depending on where it was stopped, the late attempt finds out before publishing or fails.
      awaitLogLine(
          "pair-a",
          Pattern.compile(
              "Compose "
                  + id
                  + " (is no longer ours to publish|attempt \\d+ failed after it was taken for dead)"),
          TIMEOUT);
      assertEquals(
          List.of("wait", "generating", "wait", "generating", "done"),
          messages.states(id),
          "compose " + id + ": the late attempt published and recorded nothing");
      PublishedRepository.assertWhole(
          cluster.targetDir().resolve("odcs-" + id).resolve("compose/Temporary/x86_64/os"));
    }
  }

  /** 3. kill -9 of one instance while both generate: the other one finishes everything. */
  private void killedInstancesComposesAreFinishedByTheOther(TestHttpServer web) throws Exception {
    TestHttpServer.Gate downloads = web.hold(path -> path.endsWith(".rpm"));
    List<Long> slow = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      slow.add(submit(i % 2 == 0 ? a : b, web.url() + "/slow", 86400));
    }
    List<Long> victims = awaitGeneratingOn("pair-b");
    awaitGeneratingOn("pair-a");
    cluster.kill("pair-b");
    Instant killed = Instant.now();
    downloads.open();
    for (long id : slow) {
      JsonObject c = a.awaitState(id, TIMEOUT, "done", "failed");
      assertEquals("done", c.getString("state_name"), c::toString);
    }
    System.out.printf(
        "The survivor finished all 20 composes %d ms after the kill%n",
        Duration.between(killed, Instant.now()).toMillis());
    for (long id : slow) {
      List<String> expected =
          victims.contains(id)
              ? List.of("wait", "generating", "wait", "generating", "done")
              : List.of("wait", "generating", "done");
      assertEquals(expected, messages.states(id), "compose " + id);
      PublishedRepository.assertWhole(
          cluster.targetDir().resolve("odcs-" + id).resolve("compose/Temporary/x86_64/os"));
    }
    for (long victim : victims) {
      assertEquals(
          1,
          cluster
              .logLines(
                  Pattern.compile(
                      "Compose "
                          + victim
                          + " queued again: its generating instance pair-b stopped beating"))
              .size(),
          "one log line saying why compose " + victim + " was queued again");
    }
  }

  private static void signal(String signal, OdcsServer.Running server) throws Exception {
    Process kill =
        new ProcessBuilder("kill", "-" + signal, Long.toString(server.process().pid()))
            .inheritIO()
            .start();
    assertEquals(0, kill.waitFor(), "kill -" + signal);
  }

  /** Waits until every compose of {@code ids} went back to {@code wait} once. */
  private void awaitRequeued(List<Long> ids) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!ids.stream()
        .allMatch(id -> messages.states(id).stream().filter("wait"::equals).count() == 2)) {
      assertTrue(Instant.now().isBefore(deadline), () -> "not queued again: " + ids);
      Thread.sleep(200);
    }
  }

  private void awaitLogLine(String instance, Pattern line, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      for (String l : Files.readAllLines(cluster.server(instance).log())) {
        if (line.matcher(l).find()) {
          return;
        }
      }
      assertTrue(Instant.now().isBefore(deadline), () -> "no log line " + line);
      Thread.sleep(500);
    }
  }

  private long submit(OdcsApi api, String source, int secondsToLive) {
    return api.submit(
            "{\"source\": {\"type\": \"repo\", \"source\": \""
                + source
                + "\"}, \"arches\": [\"x86_64\"], \"flags\": [\"no_reuse\"],"
                + " \"seconds_to_live\": "
                + secondsToLive
                + "}")
        .getJsonNumber("id")
        .longValue();
  }

  private void awaitStates(List<Long> ids, String last) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (true) {
      Map<Long, List<String>> all = messages.all();
      List<Long> pending =
          ids.stream().filter(id -> !all.getOrDefault(id, List.of()).contains(last)).toList();
      if (pending.isEmpty()) {
        return;
      }
      assertTrue(Instant.now().isBefore(deadline), () -> "not " + last + ": " + pending);
      Thread.sleep(500);
    }
  }

  /** The composes generating on {@code instance}, once it generates some (downloads held). */
  private List<Long> awaitGeneratingOn(String instance) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (true) {
      List<Long> ids = generatingOn(instance);
      if (!ids.isEmpty()) {
        return ids;
      }
      assertTrue(Instant.now().isBefore(deadline), () -> instance + " generates nothing");
      Thread.sleep(200);
    }
  }

  private List<Long> generatingOn(String instance) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (Connection c = cluster.sql();
        PreparedStatement st =
            c.prepareStatement(
                "select id from composes where state = ? and generating_instance = ?"
                    + " order by id")) {
      st.setInt(1, ComposeState.GENERATING.code());
      st.setString(2, instance);
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    }
    return ids;
  }

  private List<Matcher> linesOf(String instance) throws Exception {
    List<Matcher> lines = new ArrayList<>();
    for (String line : Files.readAllLines(cluster.server(instance).log())) {
      Matcher m = DONE_LINE.matcher(line);
      if (m.find()) {
        lines.add(m);
      }
    }
    return lines;
  }

  private static TestHttpServer slowSource() throws Exception {
    Path root = TestEnvironment.current().itDir().resolve("drills").resolve("pair-web");
    org.odcsj.it.infra.PostgresBinaries.deleteTree(root);
    Path dir = Files.createDirectories(root.resolve("slow"));
    for (int i = 1; i <= 3; i++) {
      TestRpms.builder("slow" + i, "1.0", "1", "noarch")
          .file("/usr/share/slow/" + i, "payload " + i + "\n")
          .build(dir);
    }
    TestRepos.createrepo(dir);
    return TestHttpServer.serve(root);
  }
}
