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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.TestEnvironment;
import org.odcsj.testsupport.Dnf;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/**
 * Item 1 of the crash issue: a server killed with kill -9 while composes generate, then started
 * again on the same database, broker and compose directory. The composes it was generating do not
 * wait for the 7,200 s safety net: the restarted instance recognises its previous boot's composes,
 * removes their half-built staging trees, puts them back to {@code wait} (a state-changed message)
 * and generates them again — except one whose generation was interrupted for the third time, which
 * fails saying so. Generation is held for real at the package downloads of a loopback web server.
 */
@ExtendWith(TestEnvironment.class)
class CrashRecoveryDrillIT {

  private static final String INSTANCE = "crash-a";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private TestHttpServer web;
  private DrillCluster cluster;
  private StateLog messages;

  @BeforeEach
  void sourcesAndServer() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed for the source repos");
    Path root = TestEnvironment.current().itDir().resolve("drills").resolve("crash-web");
    org.odcsj.it.infra.PostgresBinaries.deleteTree(root);
    for (String repo : List.of("x", "y")) {
      Path dir = Files.createDirectories(root.resolve(repo));
      for (int i = 1; i <= 3; i++) {
        TestRpms.builder("crash-" + repo + i, "1.0", "1", "noarch")
            .file("/usr/share/crash/" + repo + i, "payload " + repo + i + "\n")
            .build(dir);
      }
      TestRepos.createrepo(dir);
    }
    web = TestHttpServer.serve(root);
    cluster = DrillCluster.create("crash", Map.of());
    messages = StateLog.subscribe(TestEnvironment.current().broker(), cluster.topic());
    cluster.start(INSTANCE);
  }

  @AfterEach
  void stop() throws Exception {
    web.close();
    cluster.close();
    messages.close();
  }

  private long submit(OdcsApi api, String repo) {
    return api.submit(
            "{\"source\": {\"type\": \"repo\", \"source\": \""
                + web.url()
                + "/"
                + repo
                + "\"}, \"arches\": [\"x86_64\"], \"flags\": [\"no_reuse\"]}")
        .getJsonNumber("id")
        .longValue();
  }

  @Test
  void composesOfAKilledServerAreGeneratedAgainWhenItRestarts() throws Exception {
    TestHttpServer.Gate downloads = web.hold(path -> path.endsWith(".rpm"));
    OdcsApi api = cluster.api(INSTANCE);
    long x = submit(api, "x");
    long y = submit(api, "y");
    awaitDownloadsOf("/x/", "/y/");
    assertEquals("generating", api.compose(x).getString("state_name"));
    assertEquals("generating", api.compose(y).getString("state_name"));
    Path staging = cluster.targetDir().resolve(".staging");
    assertTrue(Files.isDirectory(staging.resolve("odcs-" + x + ".attempt-1")), "half-built");
    // As if y had crashed its generator twice before: this crash is its third.
    try (Connection c = cluster.sql();
        PreparedStatement st =
            c.prepareStatement("update composes set generation_interruptions = 2 where id = ?")) {
      st.setLong(1, y);
      assertEquals(1, st.executeUpdate());
    }

    cluster.kill(INSTANCE);
    downloads.open();
    cluster.start(INSTANCE);
    Instant restarted = Instant.now();

    OdcsApi again = cluster.api(INSTANCE);
    JsonObject done = again.awaitState(x, TIMEOUT, "done", "failed");
    assertEquals("done", done.getString("state_name"), done::toString);
    System.out.printf(
        "Compose %d done %d ms after the restarted server answered%n",
        x, Duration.between(restarted, Instant.now()).toMillis());
    assertEquals(List.of("wait", "generating", "wait", "generating", "done"), messages.states(x));

    JsonObject failed = again.awaitState(y, TIMEOUT, "done", "failed");
    assertEquals("failed", failed.getString("state_name"), failed::toString);
    assertTrue(
        failed.getString("state_reason").contains("generation was interrupted 3 times"),
        failed::toString);
    assertEquals(List.of("wait", "generating", "failed"), messages.states(y));

    try (Stream<Path> left = Files.list(staging)) {
      List<String> names = left.map(p -> p.getFileName().toString()).toList();
      assertFalse(
          names.stream().anyMatch(n -> n.startsWith("odcs-" + x + ".") || n.equals("odcs-" + y)),
          "staging trees left: " + names);
    }
    assertFalse(
        Files.exists(cluster.targetDir().resolve("odcs-" + y)), "failed: nothing published");
    Path published = cluster.targetDir().resolve("odcs-" + x);
    PublishedRepository.assertWhole(published.resolve("compose/Temporary/x86_64/os"));
    assertEquals(
        1,
        cluster
            .logLines(
                Pattern.compile(
                    "Compose "
                        + x
                        + " queued again: its generating instance "
                        + INSTANCE
                        + " restarted"))
            .size(),
        "one log line saying why");
    if (Dnf.available()) {
      Dnf dnf =
          Dnf.create(cluster.targetDir().resolveSibling("dnf-" + x), "x86_64")
              .addRepo("odcs-" + x, done.getString("result_repo") + "/x86_64/os");
      assertEquals(0, dnf.install("crash-x1", "crash-x2", "crash-x3").exitCode());
    }
  }

  private void awaitDownloadsOf(String... prefixes) throws InterruptedException {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (!Stream.of(prefixes)
        .allMatch(
            p ->
                web.requests().stream()
                    .anyMatch(r -> r.path().startsWith(p) && r.path().endsWith(".rpm")))) {
      assertTrue(Instant.now().isBefore(deadline), () -> "no downloads: " + web.requests());
      Thread.sleep(100);
    }
  }
}
