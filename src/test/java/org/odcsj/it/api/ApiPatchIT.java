package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.odcsj.it.api.Api.assertAround;
import static org.odcsj.it.api.Api.assertError;
import static org.odcsj.it.api.Api.assertErrorContains;
import static org.odcsj.it.api.Api.assertNoKey;
import static org.odcsj.it.api.Api.assertNull;
import static org.odcsj.it.api.Api.composeUrl;
import static org.odcsj.it.api.Api.id;
import static org.odcsj.it.api.Api.ok;
import static org.odcsj.it.api.Api.time;
import static org.odcsj.it.api.ComposeRows.DONE;
import static org.odcsj.it.api.ComposeRows.FAILED;
import static org.odcsj.it.api.ComposeRows.GENERATING;
import static org.odcsj.it.api.ComposeRows.REMOVED;
import static org.odcsj.it.api.ComposeRows.compose;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsApi.Reply;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Spec §10.7 and §2.7: {@code PATCH /api/1/composes/<id>} — renew (extend) a done compose,
 * regenerate a failed or removed one, respin with new sigkeys/modules/builds; in every state.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ApiPatchIT {

  private static final Duration SLACK = Duration.ofSeconds(5);

  private static String baseUrl;
  private static OdcsApi anonymous;
  private static OdcsApi dev;

  @BeforeAll
  static void clients() {
    baseUrl = OdcsServer.get().baseUrl();
    anonymous = Api.anonymous();
    dev = Api.as("dev");
  }

  private static Instant now() {
    return Instant.now();
  }

  /** Asserts a regeneration: a new compose, waiting, owned by the caller, never removed. */
  private static JsonObject assertCopy(Reply reply, long original, String owner) {
    JsonObject copy = ok(reply);
    assertNotEquals(original, id(copy));
    assertEquals("wait", copy.getString("state_name"));
    assertEquals(owner, copy.getString("owner"));
    assertNull(copy, "time_removed");
    assertNoKey(copy, "pungi_config_dump");
    return copy;
  }

  @Test
  void v44_removedComposeIsRegenerated() {
    long removed = compose().state(REMOVED).reusingItself().insert();
    JsonObject copy = assertCopy(dev.patch(composeUrl(removed), null), removed, "dev");
    assertEquals("testmodule:master", copy.getString("source"));
    assertEquals(baseUrl + "/composes/odcs-" + id(copy), copy.getString("toplevel_url"));
  }

  @Test
  void v45_rawConfigKeyOfTheOriginalMustBePermitted() {
    long removed = compose().rawConfig("pungi_cfg#hash").state(REMOVED).insert();
    assertError(
        Api.as("dev4").patch(composeUrl(removed), null),
        403,
        "User dev4 not allowed to operate with compose with raw_config_keys=pungi_cfg.");
  }

  @Test
  void v46_permittedRawConfigComposeIsRegenerated() {
    long removed = compose().rawConfig("pungi_cfg2#hash").state(REMOVED).insert();
    JsonObject copy = assertCopy(Api.as("dev4").patch(composeUrl(removed), null), removed, "dev4");
    assertEquals(5, copy.getInt("source_type"));
    assertEquals("pungi_cfg2#hash", copy.getString("source"));
  }

  @Test
  void v47_failedComposeIsRegenerated() {
    long failed = compose().state(FAILED).reason("Error while generating compose: boom").insert();
    JsonObject copy = assertCopy(dev.patch(composeUrl(failed), null), failed, "dev");
    assertEquals("testmodule:master", copy.getString("source"));
    assertNull(copy, "state_reason");
    assertNull(copy, "respin_of");
  }

  @Test
  void v48_waitingComposeCannotBeRenewed() {
    long waiting = compose().insert();
    assertError(
        dev.patch(composeUrl(waiting), null), 404, "No compose with id " + waiting + " found");
  }

  @Test
  void v49_unknownComposeCannotBeRenewed() {
    assertError(
        dev.patch(composeUrl(999_999_999), null), 404, "No compose with id 999999999 found");
  }

  @Test
  void v50_removedComposeIsRegeneratedWithNewSigkeys() {
    long removed = compose().state(REMOVED).insert();
    JsonObject copy =
        assertCopy(
            dev.patch(composeUrl(removed), "{\"sigkeys\": [\"123\", \"456\"]}"), removed, "dev");
    assertEquals("123 456", copy.getString("sigkeys"));
  }

  @Test
  void v51_doneComposeWithNewSigkeysIsCopied() {
    long done = compose().state(DONE).sigkeys("012 345").insert();
    JsonObject copy =
        assertCopy(dev.patch(composeUrl(done), "{\"sigkeys\": [\"123\", \"456\"]}"), done, "dev");
    assertEquals("123 456", copy.getString("sigkeys"));
    assertEquals("012 345", ok(dev.get(composeUrl(done))).getString("sigkeys"));
  }

  @Test
  void v52_respinWithNewModulesAndBuilds() {
    long done =
        compose()
            .state(DONE)
            .kojiEvent(123)
            .pungiConfigDump("some data")
            .pungiComposeId("Fedora-1-1")
            .insert();
    JsonObject copy =
        assertCopy(
            dev.patch(
                composeUrl(done),
                "{\"source\": {\"modules\": [\"foo:stream:1:1\", \"bar:stream:1:1\"], \"builds\":"
                    + " [\"foo-1-1\", \"bar-1-1\"], \"unknown_arg\": \"should be ignored\"}}"),
            done,
            "dev");
    assertEquals("foo:stream:1:1 bar:stream:1:1", copy.getString("modules"));
    assertEquals("foo-1-1 bar-1-1", copy.getString("builds"));
    assertEquals("Fedora-1-1", copy.getString("respin_of"));
    assertEquals(123, copy.getInt("koji_event"));
    assertNull(copy, "pungi_compose_id");
    assertEquals("some data", ok(dev.get(composeUrl(id(copy)))).getString("pungi_config_dump"));
  }

  @Test
  void v96_lifetimeMustBeAnInteger() {
    long done = compose().state(DONE).insert();
    assertErrorContains(
        anonymous.patch(composeUrl(done), "{\"seconds_to_live\": \"600s\"}"),
        400,
        "seconds_to_live should be an integer");
  }

  @Test
  void v97_malformedJsonIsABadRequest() {
    long done = compose().state(DONE).insert();
    assertErrorContains(
        anonymous.patch(composeUrl(done), "abc"), 400, "Failed to decode JSON object");
  }

  @Test
  void v98_unknownComposeWithALifetimeIsNotFound() {
    assertError(
        dev.patch(composeUrl(999_999_999), "{\"seconds_to_live\": 600}"),
        404,
        "No compose with id 999999999 found");
  }

  @Test
  void v99_waitingComposeWithALifetimeIsNotFound() {
    long waiting = compose().insert();
    assertError(
        dev.patch(composeUrl(waiting), "{\"seconds_to_live\": 600}"),
        404,
        "No compose with id " + waiting + " found");
  }

  @Test
  void v100_extensionReachesReusedAndReusingComposes() {
    Instant soon = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    long c3 = compose().tag("f27").expires(soon).insert();
    long c2 = compose().tag("f26").state(DONE).reusing(c3).expires(soon).insert();
    long c1 = compose().tag("f25").reusing(c2).expires(soon).insert();
    long c4 = compose().tag("master").expires(soon).insert();

    Instant requested = now();
    JsonObject renewed = ok(dev.patch(composeUrl(c2), "{\"seconds_to_live\": 10800}"));
    Instant expected = requested.plus(Duration.ofHours(3));
    assertEquals(c2, id(renewed));
    assertAround(expected, time(renewed, "time_to_expire"), SLACK);
    assertAround(expected, time(ok(dev.get(composeUrl(c1))), "time_to_expire"), SLACK);
    assertAround(expected, time(ok(dev.get(composeUrl(c3))), "time_to_expire"), SLACK);
    assertEquals(soon, time(ok(dev.get(composeUrl(c4))), "time_to_expire"));
  }

  // Renew in each state (wait: v48, failed: v47, removed: v44, unknown: v49).

  @Test
  void generatingComposeCannotBeRenewed() {
    long generating = compose().state(GENERATING).insert();
    assertError(
        dev.patch(composeUrl(generating), "{\"seconds_to_live\": 600}"),
        404,
        "No compose with id " + generating + " found");
  }

  @Test
  void doneComposeIsExtendedInPlaceKeepingItsOwner() {
    Instant soon = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    long done = compose().owner("someone-else").state(DONE).expires(soon).insert();
    JsonObject before = ok(dev.get(composeUrl(done)));
    Instant requested = now();
    JsonObject renewed = ok(dev.patch(composeUrl(done), null));
    assertEquals(done, id(renewed));
    assertEquals("someone-else", renewed.getString("owner"));
    assertEquals("done", renewed.getString("state_name"));
    assertAround(requested.plus(Duration.ofDays(1)), time(renewed, "time_to_expire"), SLACK);
    assertNoKey(renewed, "pungi_config_dump");
    JsonObject expectedRest =
        Json.createObjectBuilder(before)
            .remove("time_to_expire")
            .remove("pungi_config_dump")
            .build();
    assertEquals(expectedRest, Json.createObjectBuilder(renewed).remove("time_to_expire").build());
  }

  @Test
  void extensionNeverShortensTheLifetime() {
    Instant later = Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);
    long done = compose().state(DONE).expires(later).insert();
    JsonObject renewed = ok(dev.patch(composeUrl(done), "{\"seconds_to_live\": 60}"));
    assertEquals(later, time(renewed, "time_to_expire"));
  }

  @Test
  void extensionIsCappedAtTheMaximumLifetime() {
    long done = compose().state(DONE).insert();
    Instant requested = now();
    JsonObject renewed = ok(dev.patch(composeUrl(done), "{\"seconds_to_live\": 604800}"));
    assertAround(requested.plus(Duration.ofDays(3)), time(renewed, "time_to_expire"), SLACK);
  }

  @Test
  void legacyLifetimeKeyOfTheClientIsAccepted() {
    long done = compose().state(DONE).expires(Instant.now().plusSeconds(60)).insert();
    Instant requested = now();
    JsonObject renewed = ok(dev.patch(composeUrl(done), "{\"seconds-to-live\": 7200}"));
    assertAround(requested.plus(Duration.ofHours(2)), time(renewed, "time_to_expire"), SLACK);
  }

  @Test
  void sameSigkeysExtendInsteadOfCopying() {
    long done = compose().state(DONE).sigkeys("123 456").insert();
    JsonObject renewed = ok(dev.patch(composeUrl(done), "{\"sigkeys\": [\"123\", \"456\"]}"));
    assertEquals(done, id(renewed));
  }

  @Test
  void newBuildsAloneMakeARespin() {
    long done = compose().tag("f26").state(DONE).set("builds", "foo-1-1").insert();
    JsonObject copy =
        assertCopy(
            dev.patch(composeUrl(done), "{\"source\": {\"builds\": [\"foo-1-2\"]}}"), done, "dev");
    assertEquals("foo-1-2", copy.getString("builds"));
    assertEquals("f26", copy.getString("source"));
  }

  @Test
  void copyKeepsTheContentAndStartsAFreshLife() {
    Instant submitted = Instant.now().minus(Duration.ofHours(5)).truncatedTo(ChronoUnit.SECONDS);
    long failed =
        compose()
            .owner("someone-else")
            .tag("f26")
            .submitted(submitted)
            .state(FAILED)
            .reason("Error while generating compose: boom")
            .set("removed_by", "root")
            .set("flags", 1 | 64)
            .set("results", 1 | 2)
            .set("arches", "x86_64 ppc64")
            .set("multilib_arches", "x86_64")
            .set("multilib_method", 3)
            .set("lookaside_repos", "http://example.com/repo")
            .set("packages", "ed vim")
            .set("builds", "foo-1-1")
            .set("modular_koji_tags", "f26-modules")
            .set("module_defaults_url", "git://localhost.tld/x.git master")
            .set("scratch_modules", "foo:bar:1:c")
            .set("parent_pungi_compose_ids", "Fedora-1-1")
            .set("scratch_build_tasks", "123")
            .set("modules", "m:s:1:c")
            .set("base_module_br_name", "platform")
            .set("base_module_br_stream", "f26")
            .set("base_module_br_stream_version_lte", 5L)
            .set("base_module_br_stream_version_gte", 2L)
            .sigkeys("abc")
            .kojiEvent(77)
            .kojiTaskId(88)
            .pungiComposeId("Fedora-26-1")
            .label("Beta-1")
            .composeType("nightly")
            .insert();
    JsonObject original = ok(dev.get(composeUrl(failed)));
    Instant requested = now();
    JsonObject copy =
        assertCopy(dev.patch(composeUrl(failed), "{\"seconds_to_live\": 600}"), failed, "dev");
    long id = id(copy);
    String toplevel = baseUrl + "/composes/odcs-" + id;
    JsonObject expected =
        Json.createObjectBuilder(original)
            .remove("pungi_config_dump")
            .add("id", id)
            .add("owner", "dev")
            .add("state", 0)
            .add("state_name", "wait")
            .addNull("state_reason")
            .addNull("removed_by")
            .addNull("koji_task_id")
            .addNull("pungi_compose_id")
            .add("respin_of", "Fedora-26-1")
            .addNull("time_started")
            .addNull("time_done")
            .addNull("time_removed")
            .add("time_submitted", copy.getString("time_submitted"))
            .add("time_to_expire", copy.getString("time_to_expire"))
            .add("toplevel_url", toplevel)
            .add("result_repo", toplevel + "/compose/Temporary")
            .add("result_repofile", toplevel + "/compose/Temporary/odcs-" + id + ".repo")
            .build();
    assertEquals(expected, copy);
    assertAround(requested, time(copy, "time_submitted"), SLACK);
    assertEquals(
        Duration.ofSeconds(600),
        Duration.between(time(copy, "time_submitted"), time(copy, "time_to_expire")));
  }

  @Test
  void anonymousCopiesBelongToUnknown() {
    long removed = compose().owner("dev").state(REMOVED).insert();
    assertCopy(anonymous.patch(composeUrl(removed), null), removed, "unknown");
  }

  @Test
  void userOutsideAllowedClientsCannotRenew() {
    long done = compose().state(DONE).insert();
    assertError(
        Api.as("qa").patch(composeUrl(done), null), 403, "User qa is not in role allowed_clients.");
  }

  @Test
  void originalSourceTypeMustBePermitted() {
    long done = compose().tag("f26").state(DONE).insert();
    assertError(
        Api.as("dev2").patch(composeUrl(done), null),
        403,
        "User dev2 not allowed to operate with compose with source_types=tag.");
  }

  @Test
  void originalArchesMustBePermitted() {
    long done = compose().tag("f26").state(DONE).set("arches", "aarch64").insert();
    assertError(
        dev.patch(composeUrl(done), null),
        403,
        "User dev not allowed to operate with compose with arches=aarch64.");
  }

  @Test
  void patchBodyIsValidatedLikePost() {
    long done = compose().state(DONE).insert();
    assertError(
        dev.patch(composeUrl(done), "{\"source\": {\"builds\": \"foo-1-1\"}}"),
        400,
        "builds should be a list");
    assertError(
        dev.patch(composeUrl(done), "{\"sigkeys\": \"abc\"}"), 400, "sigkeys should be a list");
    assertError(
        dev.patch(composeUrl(done), "{\"seconds_to_live\": -1}"),
        400,
        "\"seconds_to_live\" must be a positive integer");
  }

  @Test
  void patchBodyMustBeAJsonObject() {
    long done = compose().state(DONE).insert();
    Api.assertErrorEnvelope(dev.patch(composeUrl(done), "[\"sigkeys\"]"), 400);
  }
}
