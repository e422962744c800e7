package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.odcsj.it.api.Api.assertAccepted;
import static org.odcsj.it.api.Api.assertAround;
import static org.odcsj.it.api.Api.assertError;
import static org.odcsj.it.api.Api.composeUrl;
import static org.odcsj.it.api.Api.ok;
import static org.odcsj.it.api.Api.time;
import static org.odcsj.it.api.ComposeRows.DONE;
import static org.odcsj.it.api.ComposeRows.FAILED;
import static org.odcsj.it.api.ComposeRows.GENERATING;
import static org.odcsj.it.api.ComposeRows.REMOVED;
import static org.odcsj.it.api.ComposeRows.compose;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Spec §10.8, §2.8 and §4.3 with our decisions: {@code DELETE /api/1/composes/<id>} cancels a
 * {@code wait} or {@code generating} compose (owner or admin) and removes a {@code done} or {@code
 * failed} one (admin only); in every state, for owner, admin, other users and anonymous callers.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ApiDeleteIT {

  private static final Duration SLACK = Duration.ofSeconds(5);

  private static OdcsApi root;
  private static OdcsApi anonymous;

  @BeforeAll
  static void clients() {
    root = Api.as("root");
    anonymous = Api.anonymous();
  }

  private static String accepted(long id) {
    return "The delete request for compose (id="
        + id
        + ") has been accepted and will be processed by backend later.";
  }

  private static String canceled(long id) {
    return "Compose (id=" + id + ") has been canceled";
  }

  private static String notRemovable(long id) {
    return "Compose (id="
        + id
        + ") can not be removed, its state need to be in ['done', 'failed'].";
  }

  /** Asserts the compose was canceled by {@code user}: failed, with reason and remover. */
  private static JsonObject assertCanceled(long id, String user) {
    JsonObject compose = ok(anonymous.get(composeUrl(id)));
    assertEquals(4, compose.getInt("state"), compose::toString);
    assertEquals("failed", compose.getString("state_name"));
    assertEquals("Canceled by " + user, compose.getString("state_reason"));
    assertEquals(user, compose.getString("removed_by"));
    assertAround(Instant.now(), time(compose, "time_done"), Duration.ofSeconds(30));
    return compose;
  }

  /** Waits until the removal requested by {@code user} has happened. */
  private static JsonObject assertRemovedBy(long id, String user, String previousReason) {
    JsonObject compose = Api.awaitState(anonymous, id, "removed");
    assertEquals(previousReason + "\nRemoved by " + user + ".", compose.getString("state_reason"));
    assertEquals(user, compose.getString("removed_by"));
    assertAround(Instant.now(), time(compose, "time_removed"), Duration.ofSeconds(30));
    return compose;
  }

  @Test
  void v81_adminRemovesADoneCompose() {
    long done = compose().state(DONE).insert();
    Instant requested = Instant.now();
    assertAccepted(root.delete(composeUrl(done)), accepted(done));
    JsonObject removed = assertRemovedBy(done, "root", "Compose is generated successfully");
    assertAround(requested, time(removed, "time_to_expire"), SLACK);
  }

  @Test
  void v82_adminCancelsAGeneratingComposeButCannotRemoveARemovedOne() {
    long generating = compose().owner("dev2").state(GENERATING).insert();
    assertAccepted(root.delete(composeUrl(generating)), canceled(generating));
    assertCanceled(generating, "root");

    long removed = compose().state(REMOVED).insert();
    assertError(root.delete(composeUrl(removed)), 400, notRemovable(removed));
  }

  @Test
  void v83_unknownComposeIsNotFound() {
    assertError(root.delete(composeUrl(999_999_999)), 404, "No such compose found.");
  }

  @Test
  void v84_nonAdminCannotRemoveAFailedCompose() {
    long failed = compose().state(FAILED).reason("Error while generating compose: x").insert();
    assertError(Api.as("dev").delete(composeUrl(failed)), 403, "User dev is not in role admins.");
    assertEquals("failed", ok(anonymous.get(composeUrl(failed))).getString("state_name"));
  }

  @Test
  void v89_memberOfTheAdminGroupRemovesACompose() {
    long done = compose().module("testmodule:testbranch").state(DONE).insert();
    assertAccepted(Api.as("another_admin", "admin").delete(composeUrl(done)), accepted(done));
    assertRemovedBy(done, "another_admin", "Compose is generated successfully");
  }

  @Test
  void v109_otherUserCannotCancelAWaitingCompose() {
    long waiting = compose().owner("dev2").insert();
    assertError(
        Api.as("dev1").delete(composeUrl(waiting)),
        403,
        "Compose (id=" + waiting + ") can not be canceled, it's owned by dev2.");
    assertEquals("wait", ok(anonymous.get(composeUrl(waiting))).getString("state_name"));
  }

  @Test
  void v110_ownerCancelsAWaitingCompose() {
    long waiting = compose().owner("dev2").insert();
    assertAccepted(Api.as("dev2").delete(composeUrl(waiting)), canceled(waiting));
    assertCanceled(waiting, "dev2");
  }

  // Delete in each state, by each kind of caller.

  @Test
  void adminCancelsSomeoneElsesWaitingCompose() {
    long waiting = compose().owner("dev2").insert();
    assertAccepted(root.delete(composeUrl(waiting)), canceled(waiting));
    assertCanceled(waiting, "root");
  }

  @Test
  void ownerNeedsNoAllowedClientsRoleToCancel() {
    long waiting = compose().owner("qa").insert();
    assertAccepted(Api.as("qa").delete(composeUrl(waiting)), canceled(waiting));
    assertCanceled(waiting, "qa");
  }

  @Test
  void anonymousCancelsAWaitingCompose() {
    long waiting = compose().owner("dev2").insert();
    assertAccepted(anonymous.delete(composeUrl(waiting)), canceled(waiting));
    assertCanceled(waiting, "unknown");
  }

  @Test
  void ownerCancelsAGeneratingCompose() {
    long generating = compose().owner("dev2").state(GENERATING).insert();
    assertAccepted(Api.as("dev2").delete(composeUrl(generating)), canceled(generating));
    assertCanceled(generating, "dev2");
  }

  @Test
  void otherUserCannotCancelAGeneratingCompose() {
    long generating = compose().owner("dev2").state(GENERATING).insert();
    assertError(
        Api.as("dev").delete(composeUrl(generating)),
        403,
        "Compose (id=" + generating + ") can not be canceled, it's owned by dev2.");
    assertEquals("generating", ok(anonymous.get(composeUrl(generating))).getString("state_name"));
  }

  @Test
  void canceledComposeCannotBeCanceledAgain() {
    long waiting = compose().owner("dev2").insert();
    assertAccepted(root.delete(composeUrl(waiting)), canceled(waiting));
    assertError(
        Api.as("dev2").delete(composeUrl(waiting)), 403, "User dev2 is not in role admins.");
  }

  @Test
  void ownerCannotRemoveTheirOwnDoneCompose() {
    long done = compose().owner("dev2").state(DONE).insert();
    assertError(Api.as("dev2").delete(composeUrl(done)), 403, "User dev2 is not in role admins.");
    JsonObject compose = ok(anonymous.get(composeUrl(done)));
    assertEquals("done", compose.getString("state_name"));
    Api.assertNull(compose, "removed_by");
  }

  @Test
  void adminRemovesAFailedCompose() {
    long failed = compose().state(FAILED).reason("Error while generating compose: x").insert();
    assertAccepted(root.delete(composeUrl(failed)), accepted(failed));
    assertRemovedBy(failed, "root", "Error while generating compose: x");
  }

  @Test
  void anonymousRemovesADoneCompose() {
    long done = compose().state(DONE).insert();
    assertAccepted(anonymous.delete(composeUrl(done)), accepted(done));
    assertRemovedBy(done, "unknown", "Compose is generated successfully");
  }

  @Test
  void nonAdminCannotRemoveARemovedCompose() {
    long removed = compose().state(REMOVED).insert();
    assertError(Api.as("dev").delete(composeUrl(removed)), 403, "User dev is not in role admins.");
  }

  @Test
  void anonymousCannotRemoveARemovedCompose() {
    long removed = compose().state(REMOVED).insert();
    assertError(anonymous.delete(composeUrl(removed)), 400, notRemovable(removed));
  }

  @Test
  void unknownComposeIsNotFoundForAnyone() {
    assertError(Api.as("dev").delete(composeUrl(999_999_999)), 404, "No such compose found.");
    assertError(anonymous.delete(composeUrl(999_999_999)), 404, "No such compose found.");
  }
}
