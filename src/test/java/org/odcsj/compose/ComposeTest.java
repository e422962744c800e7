package org.odcsj.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
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

  /** D-10: a compose done 5 minutes late still lives its requested lifetime after time_done. */
  @Test
  void d10_lifetimeStartsCountingWhenGenerationEnds() {
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

  /** D-11: a compose of 60 s lifetime failing at now + 5 min expires at now + 6 min. */
  @Test
  void d11_failedComposeExpiresItsLifetimeAfterFailing() {
    Compose c = waiting(60);
    Instant failed = SUBMITTED.plus(Duration.ofMinutes(5));
    c.finishFailed("Error while generating compose: boom", failed);
    assertEquals(ComposeState.FAILED, c.state());
    assertEquals(SUBMITTED.plus(Duration.ofMinutes(6)), c.getTimeToExpire());
  }

  /** D-12: the transition to generating at T records time_started = T. */
  @Test
  void d12_startGeneratingRecordsTimeStarted() {
    Compose c = waiting(60);
    Instant t = SUBMITTED.plusSeconds(42);
    c.startGenerating(t);
    assertEquals(ComposeState.GENERATING, c.state());
    assertEquals(t, c.getTimeStarted());
    assertEquals("Compose is generating", c.getStateReason());
  }

  /** D-07: extending a compose of 60 s lifetime to now + 100 s sets time_to_expire to it. */
  @Test
  void d07_extendingSetsTheNewExpiry() {
    Compose c = waiting(60);
    Instant until = SUBMITTED.plusSeconds(100);
    c.extendTo(until);
    assertEquals(until, c.getTimeToExpire());
  }

  /** D-08: an extension shorter than the remaining lifetime changes nothing. */
  @Test
  void d08_extensionShorterThanTheRemainingLifetimeIsIgnored() {
    Compose c = waiting(60);
    c.extendTo(SUBMITTED.plusSeconds(30));
    assertEquals(SUBMITTED.plusSeconds(60), c.getTimeToExpire());
  }

  /**
   * D-04: the copy a PATCH creates (ODCS's {@code create_copy}) keeps every column but the ones the
   * catalog lists (id, state, state_reason, times, removed_by, reused_id, koji_task_id,
   * pungi_compose_id; we have no celery task id). Per spec §2.7 the copy belongs to the caller
   * (owner) and its respin_of names the original's Pungi compose id; our own columns describing one
   * generation (source fingerprint, progress, removal request) start afresh, and regenerated_from
   * names the original. Checked over every field, so a column added later must be decided here.
   */
  @Test
  void d04_copyKeepsEveryContentColumn() throws Exception {
    Compose original = new Compose(everyFieldSet());
    // No method sets the config dump yet (raw_config generation will): set it as a row would have.
    java.lang.reflect.Field dump = Compose.class.getDeclaredField("pungiConfigDump");
    dump.setAccessible(true);
    dump.set(original, "test");
    original.startGenerating(SUBMITTED.plusSeconds(1));
    original.recordResolution(original.spec().toBuilder().kojiEvent(4242L).build(), "fingerprint");
    original.recordPungiComposeId("Fedora-40-20260101.t.0");
    original.finishDone(SUBMITTED.plusSeconds(2));
    original.requestRemoval("admin", SUBMITTED.plusSeconds(3));
    original.expire(SUBMITTED.plusSeconds(4));

    Instant now = SUBMITTED.plusSeconds(100);
    Compose copy =
        original.regenerate(
            "copier", SpaceJoined.text(original.spec().sigkeys()), null, null, now, 600);

    java.util.Set<String> notCopied =
        java.util.Set.of(
            "id",
            "state",
            "stateReason",
            "timeToExpire",
            "timeDone",
            "timeSubmitted",
            "timeRemoved",
            "removedBy",
            "reusedId",
            "kojiTaskId",
            "timeStarted",
            "pungiComposeId",
            // spec §2.7 and our own columns (see above)
            "owner",
            "respinOf",
            "regeneratedFrom",
            "sourceFingerprint",
            "removalRequested",
            "progressPhase",
            "progressPercent",
            // who generated it, and how often: every copy starts afresh
            "generatingInstance",
            "generatingBoot",
            "generationAttempts",
            "generationInterruptions",
            // outbox bookkeeping: a regenerated copy is queued in its own transaction (true)
            "dispatched",
            // the request inputs: compared one by one below
            "spec");
    int compared = 0;
    for (java.lang.reflect.Field field : Compose.class.getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(field.getModifiers())
          || notCopied.contains(field.getName())) {
        continue;
      }
      field.setAccessible(true);
      assertNotNull(field.get(original), field.getName() + " is set in the original");
      assertEquals(field.get(original), field.get(copy), field.getName());
      compared++;
    }
    for (java.lang.reflect.Field field : ComposeSpec.class.getDeclaredFields()) {
      if (java.lang.reflect.Modifier.isStatic(field.getModifiers())
          || notCopied.contains(field.getName())) {
        continue;
      }
      field.setAccessible(true);
      assertNotNull(field.get(original.spec()), field.getName() + " is set in the original");
      assertEquals(field.get(original.spec()), field.get(copy.spec()), field.getName());
      compared++;
    }
    assertEquals(26, compared, "content columns compared");
    assertEquals(ComposeState.WAIT, copy.state());
    assertNull(copy.getStateReason());
    assertEquals("copier", copy.getOwner());
    assertEquals(now, copy.getTimeSubmitted());
    assertEquals(now.plusSeconds(600), copy.getTimeToExpire());
    assertNull(copy.getTimeStarted());
    assertNull(copy.getTimeDone());
    assertNull(copy.getTimeRemoved());
    assertNull(copy.getRemovedBy());
    assertNull(copy.getReusedId());
    assertNull(copy.getKojiTaskId());
    assertNull(copy.getPungiComposeId());
    assertEquals("Fedora-40-20260101.t.0", copy.spec().respinOf());
  }

  private static NewCompose everyFieldSet() {
    ComposeSpec spec =
        ComposeSpec.builder(SourceType.MODULE)
            .source("testmodule:master")
            .packages("pkg-a pkg-b")
            .builds("foo-1-1 bar-1-1")
            .sigkeys("123 456")
            .kojiEvent(1000L)
            .flags(ComposeFlag.NO_DEPS.bit())
            .results(ComposeResult.REPOSITORY.bit())
            .arches("x86_64 ppc64")
            .multilibArches("i686")
            .multilibMethod(1)
            .lookasideRepos("http://example.com/lookaside")
            .modularKojiTags("f40-modular")
            .moduleDefaultsUrl("https://git.example.com/defaults.git#abc")
            .modules("foo:1:1:c1")
            .scratchModules("scratch:1:1:c1")
            .scratchBuildTasks("12 13")
            .parentPungiComposeIds("Fedora-40-20260101.0")
            .respinOf("Fedora-40-20251231.0")
            .baseModuleBrName("platform")
            .baseModuleBrStream("f40")
            .baseModuleBrStreamVersionLte(4000L)
            .baseModuleBrStreamVersionGte(3000L)
            .label("Beta-1.0")
            .composeType("nightly")
            .targetDir("releng-private")
            .build();
    return new NewCompose("dev", spec, SUBMITTED, SUBMITTED.plusSeconds(60));
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

  @Test
  void interruptedGenerationGoesBackToWaitAndCountsTheCrash() {
    Compose c = waiting(60);
    c.startGenerating(SUBMITTED.plusSeconds(1), "a", "boot-1");
    c.interruptGeneration();
    assertEquals(ComposeState.WAIT, c.state());
    assertNull(c.getStateReason());
    assertNull(c.getTimeStarted());
    assertNull(c.getProgressPhase());
    assertNull(c.getGeneratingInstance());
    assertEquals(1, c.getGenerationInterruptions());
    assertEquals(1, c.getGenerationAttempts());
  }

  @Test
  void aLaterClaimSupersedesTheAttemptTakenForDead() {
    Compose c = waiting(60);
    c.startGenerating(SUBMITTED, "a", "boot-1");
    int first = c.getGenerationAttempts();
    c.interruptGeneration();
    c.startGenerating(SUBMITTED.plusSeconds(30), "b", "boot-2");
    int second = c.getGenerationAttempts();
    assertEquals(first + 1, second);
    assertEquals(false, c.claimedBy(first));
    assertEquals(true, c.claimedAfter(first));
    assertEquals(true, c.claimedBy(second));
    assertEquals("b", c.getGeneratingInstance());
  }

  @Test
  void onlyAComposeGeneratedItselfCanBeInterrupted() {
    Compose waiting = waiting(60);
    assertThrows(IllegalStateException.class, waiting::interruptGeneration);
  }
}
