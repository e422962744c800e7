package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.odcsj.it.api.Api.assertAccepted;
import static org.odcsj.it.api.Api.composeUrl;
import static org.odcsj.it.api.Api.id;
import static org.odcsj.it.api.Api.ok;
import static org.odcsj.it.api.Api.time;
import static org.odcsj.it.api.ComposeRows.FAILED;
import static org.odcsj.it.api.ComposeRows.GENERATING;
import static org.odcsj.it.api.ComposeRows.REMOVED;
import static org.odcsj.it.api.ComposeRows.REPO;
import static org.odcsj.it.api.ComposeRows.compose;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.HelloRepo;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/**
 * Spec backend §4 and catalog D-13/D-14: an equal request while the older compose is still {@code
 * generating} reuses it — it is not generated itself, waits in {@code generating}, and ends as the
 * older one ends, with the same reason, each end a state-changed message. The older compose is kept
 * generating deterministically by holding its source's primary metadata in a loopback web server.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ReuseWhileGeneratingIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final OdcsApi api = Api.anonymous();
  private TestHttpServer web;
  private TestHttpServer.Gate primary;
  private StateMessages messages;

  @BeforeEach
  void holdTheSourceMetadata() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed for the source repo");
    Path root = TestEnvironment.current().itDir().resolve("web").resolve("reuse-" + Api.unique());
    Path repo = Files.createDirectories(root.resolve("repo"));
    TestRpms.builder("reuse-me", "1.0", "1", "noarch").build(repo);
    TestRepos.createrepo(repo);
    web = TestHttpServer.serve(root);
    // repomd.xml (the fingerprint reuse compares) is served; the package list is held.
    primary = web.hold(path -> path.contains("primary.xml"));
    messages = StateMessages.subscribe();
  }

  @AfterEach
  void release() throws Exception {
    web.close();
    messages.close();
  }

  private long submit(int secondsToLive) {
    return id(
        api.submit(
            "{\"source\": {\"type\": \"repo\", \"source\": \""
                + web.url()
                + "/repo\", \"packages\": [\"reuse-me\"]}, \"arches\": [\"x86_64\"],"
                + " \"seconds_to_live\": "
                + secondsToLive
                + "}"));
  }

  /** Submits the older compose and waits until it generates (past its own reuse check). */
  private long olderStillGenerating(int secondsToLive) throws InterruptedException {
    long older = submit(secondsToLive);
    assertTrue(primary.awaitRequest(TIMEOUT), "the older compose reads its source");
    assertEquals("generating", ok(api.get(composeUrl(older))).getString("state_name"));
    return older;
  }

  /** Submits an equal request and waits until it reuses {@code older} (its URLs name it). */
  private long followerOf(long older, int secondsToLive) {
    long follower = submit(secondsToLive);
    Instant deadline = Instant.now().plus(TIMEOUT);
    JsonObject compose = ok(api.get(composeUrl(follower)));
    while (!compose.getString("toplevel_url").endsWith("/odcs-" + older)) {
      assertTrue(Instant.now().isBefore(deadline), () -> "no reuse of " + older + " seen");
      sleep();
      compose = ok(api.get(composeUrl(follower)));
    }
    assertEquals("generating", compose.getString("state_name"), compose::toString);
    assertEquals("generating", ok(api.get(composeUrl(older))).getString("state_name"));
    assertEquals(1, primaryReads(), "the follower reads no package list: it is not generated");
    return follower;
  }

  private long primaryReads() {
    return web.requests().stream().filter(r -> r.path().contains("primary.xml")).count();
  }

  @Test
  void d13_composesReusingAGeneratingComposeBecomeDoneWithIt() throws Exception {
    long older = olderStillGenerating(600);
    long first = followerOf(older, 3600);
    long second = followerOf(older, 60);

    primary.open();
    JsonObject done = api.awaitState(older, TIMEOUT, "done", "failed");
    assertEquals("done", done.getString("state_name"), done::toString);
    for (long follower : List.of(first, second)) {
      JsonObject c = api.awaitState(follower, TIMEOUT, "done", "failed");
      assertEquals("done", c.getString("state_name"), c::toString);
      assertEquals(done.getString("state_reason"), c.getString("state_reason"));
      assertEquals(done.getString("pungi_compose_id"), c.getString("pungi_compose_id"));
      assertEquals(done.getString("result_repo"), c.getString("result_repo"));
      assertEquals(done.getString("result_repofile"), c.getString("result_repofile"));
      assertFalse(Files.exists(OdcsServer.get().targetDir().resolve("odcs-" + follower)));
      assertEquals(List.of("wait", "generating", "done"), messages.states(follower, "done"));
      assertEquals(c, messages.last(follower), "the done message is the compose as GET shows it");
    }
    assertEquals(1, primaryReads(), "generated once");
    // Both live as long as the longest-lived one: the first follower's hour from now.
    JsonObject olderNow = ok(api.get(composeUrl(older)));
    JsonObject firstNow = ok(api.get(composeUrl(first)));
    assertEquals(firstNow.getString("time_to_expire"), olderNow.getString("time_to_expire"));
    Api.assertAround(
        time(firstNow, "time_done").plusSeconds(3600),
        time(firstNow, "time_to_expire"),
        Duration.ofSeconds(2));
    assertEquals(List.of("wait", "generating", "done"), messages.states(older, "done"));
    assertEquals(olderNow, messages.last(older), "its message has the shared lifetime too");
  }

  @Test
  void d14_composesReusingAGeneratingComposeFailWithItsReason() throws Exception {
    long older = olderStillGenerating(600);
    long follower = followerOf(older, 600);

    primary.fail(500);
    JsonObject failed = api.awaitState(older, TIMEOUT, "done", "failed");
    assertEquals("failed", failed.getString("state_name"), failed::toString);
    assertTrue(
        failed.getString("state_reason").startsWith("Error while generating compose: "),
        failed::toString);
    JsonObject c = api.awaitState(follower, TIMEOUT, "done", "failed");
    assertEquals("failed", c.getString("state_name"), c::toString);
    assertEquals(failed.getString("state_reason"), c.getString("state_reason"));
    assertEquals(List.of("wait", "generating", "failed"), messages.states(follower, "failed"));
    assertEquals(c, messages.last(follower));
  }

  @Test
  void cancelOfTheReusedComposeLetsItsFollowersBeGeneratedOnTheirOwn() throws Exception {
    long older = olderStillGenerating(600);
    long follower = followerOf(older, 600);

    assertAccepted(api.delete(composeUrl(older)), "Compose (id=" + older + ") has been canceled");
    assertEquals("Canceled by unknown", ok(api.get(composeUrl(older))).getString("state_reason"));
    // Back in wait and queued: it is generated itself, so it reads the (held) package list too.
    assertTrue(primary.awaitRequest(TIMEOUT), "the follower is generated itself");
    primary.open();
    JsonObject c = api.awaitState(follower, TIMEOUT, "done", "failed");
    assertEquals("done", c.getString("state_name"), c::toString);
    assertTrue(c.getString("toplevel_url").endsWith("/odcs-" + follower), c::toString);
    assertTrue(
        Files.isDirectory(OdcsServer.get().targetDir().resolve("odcs-" + follower)),
        "its own tree");
    assertEquals(
        List.of("wait", "generating", "wait", "generating", "done"),
        messages.states(follower, "done"));
    assertEquals("failed", ok(api.get(composeUrl(older))).getString("state_name"));
  }

  @Test
  void composesLeftWaitingOnAStuckComposeFailWithIt() throws Exception {
    Instant longAgo = Instant.now().minus(Duration.ofHours(3));
    long stuck =
        compose()
            .state(GENERATING)
            .reason("Compose is generating")
            .submitted(longAgo)
            .started(longAgo)
            .insert();
    long follower = compose().state(GENERATING).reusing(stuck).insert();
    JsonObject c = api.awaitState(follower, TIMEOUT, "failed", "done");
    assertEquals(
        "Compose stuck in 'generating' state for longer than 7200 seconds.",
        c.getString("state_reason"));
    assertEquals("failed", ok(api.get(composeUrl(stuck))).getString("state_name"));
    assertEquals(List.of("failed"), messages.states(follower, "failed"));
  }

  @Test
  void composesLeftWaitingOnAComposeThatEndedWithoutThemAreSettled() throws Exception {
    // Rows as an older version (or a hand edit) could leave them: the expiry timer settles them.
    long failed = compose().state(FAILED).reason("Error while generating compose: x").insert();
    long followsFailed = compose().state(GENERATING).reusing(failed).insert();
    long removed = compose().state(REMOVED).insert();
    long followsRemoved =
        compose()
            .sourceType(REPO)
            .source(HelloRepo.path().toString())
            .set("flags", 64) // no_reuse: generated, whatever other tests composed from it
            .state(GENERATING)
            .reusing(removed)
            .insert();

    JsonObject c = api.awaitState(followsFailed, TIMEOUT, "failed", "done");
    assertEquals("Error while generating compose: x", c.getString("state_reason"));
    JsonObject own = api.awaitState(followsRemoved, TIMEOUT, "done", "failed");
    assertEquals("done", own.getString("state_name"), own::toString);
    assertTrue(own.getString("toplevel_url").endsWith("/odcs-" + followsRemoved));
    assertEquals(List.of("wait", "generating", "done"), messages.states(followsRemoved, "done"));
  }

  private static void sleep() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
