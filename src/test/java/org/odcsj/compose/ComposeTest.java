package org.odcsj.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The state machine of one compose, without a container. */
class ComposeTest {

  private static final Instant SUBMITTED = Instant.parse("2026-01-01T00:00:00Z");

  private static Compose waiting(long secondsToLive) {
    return new Compose(
        NewCompose.builder("dev", SourceType.REPO, "/srv/repo")
            .submitted(SUBMITTED, secondsToLive)
            .build());
  }

  @Test
  void lifetimeStartsCountingWhenGenerationEnds() {
    Compose c = waiting(3600);
    c.startGenerating(SUBMITTED.plusSeconds(5));
    Instant done = SUBMITTED.plusSeconds(65);
    c.finishDone(done);
    assertEquals(ComposeState.DONE, c.state());
    assertEquals(done, c.getTimeDone());
    assertEquals(done.plus(Duration.ofHours(1)), c.getTimeToExpire());
    assertEquals("Compose is generated successfully", c.getStateReason());
  }

  @Test
  void failedComposeAlsoGetsTimeDoneAndRebasedExpiry() {
    Compose c = waiting(100);
    c.startGenerating(SUBMITTED);
    Instant failed = SUBMITTED.plusSeconds(10);
    c.finishFailed("Error while generating compose: boom", failed);
    assertEquals(ComposeState.FAILED, c.state());
    assertEquals(failed, c.getTimeDone());
    assertEquals(failed.plusSeconds(100), c.getTimeToExpire());
  }

  @Test
  void removalKeepsThePreviousReasonOnItsOwnLine() {
    Compose c = waiting(100);
    c.startGenerating(SUBMITTED);
    c.finishDone(SUBMITTED.plusSeconds(1));
    c.markRemoved("Compose is expired.", SUBMITTED.plusSeconds(200));
    assertEquals(ComposeState.REMOVED, c.state());
    assertEquals("Compose is generated successfully\nCompose is expired.", c.getStateReason());
    assertEquals(SUBMITTED.plusSeconds(200), c.getTimeRemoved());
  }

  @Test
  void illegalTransitionsAreRefused() {
    Compose c = waiting(100);
    assertThrows(IllegalStateException.class, () -> c.finishDone(SUBMITTED));
    assertThrows(IllegalStateException.class, () -> c.markRemoved("x", SUBMITTED));
    c.startGenerating(SUBMITTED);
    assertThrows(IllegalStateException.class, () -> c.startGenerating(SUBMITTED));
    c.finishDone(SUBMITTED);
    assertThrows(IllegalStateException.class, () -> c.finishFailed("late", SUBMITTED));
  }

  private static Compose generating(long id, long secondsToLive) throws Exception {
    Compose c = waiting(secondsToLive);
    var field = Compose.class.getDeclaredField("id");
    field.setAccessible(true);
    field.set(c, id); // what the sequence does on persist
    c.startGenerating(SUBMITTED);
    return c;
  }

  @Test
  void followerOfAGeneratingComposeEndsDoneWithIt_sharingItsTreeAndTheLaterExpiry()
      throws Exception {
    Compose older = generating(1, 60);
    Compose follower = generating(2, 3600);
    follower.followGenerating(older);
    assertEquals(ComposeState.GENERATING, follower.state());
    assertEquals(1L, follower.getReusedId());
    Instant done = SUBMITTED.plusSeconds(30);
    older.recordPungiComposeId("odcs-1-1-20260101.t.0");
    older.finishDone(done);
    follower.endLike(older, done);
    assertEquals(ComposeState.DONE, follower.state());
    assertEquals("Compose is generated successfully", follower.getStateReason());
    assertEquals("odcs-1-1-20260101.t.0", follower.getPungiComposeId());
    assertEquals(done, follower.getTimeDone());
    assertEquals(done.plusSeconds(3600), follower.getTimeToExpire());
    assertEquals(done.plusSeconds(3600), older.getTimeToExpire(), "the later of the two");
  }

  @Test
  void followerOfAGeneratingComposeFailsWithItsReason() throws Exception {
    Compose older = generating(1, 600);
    Compose follower = generating(2, 60);
    follower.followGenerating(older);
    Instant failed = SUBMITTED.plusSeconds(30);
    older.finishFailed("Error while generating compose: boom", failed);
    follower.endLike(older, failed);
    assertEquals(ComposeState.FAILED, follower.state());
    assertEquals("Error while generating compose: boom", follower.getStateReason());
    assertEquals(failed, follower.getTimeDone());
    assertEquals(failed.plusSeconds(600), follower.getTimeToExpire());
  }

  @Test
  void followerWhoseComposeWillNotEndWaitsToBeGeneratedItself() throws Exception {
    Compose older = generating(1, 60);
    Compose follower = generating(2, 60);
    follower.followGenerating(older);
    follower.stopFollowing();
    assertEquals(ComposeState.WAIT, follower.state());
    assertEquals(null, follower.getReusedId());
    assertEquals(null, follower.getTimeStarted());
    assertEquals(null, follower.getStateReason());
    follower.startGenerating(SUBMITTED.plusSeconds(9));
    assertEquals(ComposeState.GENERATING, follower.state());
  }

  @Test
  void onlyAGeneratingComposeIsFollowed_andOnlyAnEndedOneEndsItsFollowers() throws Exception {
    Compose older = generating(1, 60);
    Compose follower = generating(2, 60);
    assertThrows(IllegalStateException.class, () -> follower.endLike(older, SUBMITTED));
    assertThrows(IllegalStateException.class, follower::stopFollowing);
    follower.followGenerating(older);
    assertThrows(IllegalStateException.class, () -> follower.endLike(older, SUBMITTED));
    older.finishDone(SUBMITTED);
    assertThrows(IllegalStateException.class, () -> generating(3, 60).followGenerating(older));
  }

  @Test
  void wireCodesMatchOdcs() {
    assertEquals(0, ComposeState.WAIT.code());
    assertEquals(1, ComposeState.GENERATING.code());
    assertEquals(2, ComposeState.DONE.code());
    assertEquals(3, ComposeState.REMOVED.code());
    assertEquals(4, ComposeState.FAILED.code());
    assertEquals(3, SourceType.REPO.code());
    assertEquals(
        java.util.List.of("no_deps", "check_deps", "no_reuse"), ComposeFlag.names(1 | 8 | 64));
    assertEquals(java.util.List.of("repository", "boot.iso"), ComposeResult.names(1 | 8));
  }
}
