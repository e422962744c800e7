package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odcsj.it.api.Api.assertAround;
import static org.odcsj.it.api.Api.composeUrl;
import static org.odcsj.it.api.Api.id;
import static org.odcsj.it.api.Api.ok;
import static org.odcsj.it.api.Api.time;
import static org.odcsj.it.api.ComposeRows.DONE;
import static org.odcsj.it.api.ComposeRows.FAILED;
import static org.odcsj.it.api.ComposeRows.GENERATING;
import static org.odcsj.it.api.ComposeRows.REMOVED;
import static org.odcsj.it.api.ComposeRows.WAIT;
import static org.odcsj.it.api.ComposeRows.compose;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.HelloRepo;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Catalog §10.12 (model-level behaviours of ODCS's {@code test_models.py}) for the items that need
 * the database, through HTTP against rows in the server's real database. The plain-Java items
 * (D-04, D-07, D-08, D-10..D-12) are unit tests of the entity in {@code ComposeTest}; D-13/D-14
 * (reuse of a still-generating compose) are in {@code ReuseWhileGeneratingIT}.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ComposeModelIT {

  private final OdcsApi anonymous = Api.anonymous();

  @Test
  void d01_composeRowAsJsonWithoutTheApiDefaults() {
    Instant submitted = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    // A row made without the API: no lookaside repos and no compose type (POST would store ""
    // and "test"), and a config dump.
    long id =
        compose()
            .owner("me")
            .module("testmodule-master")
            .submitted(submitted)
            .expires(submitted.plusSeconds(3600))
            .set("lookaside_repos", null)
            .set("compose_type", null)
            .pungiConfigDump("test")
            .insert();
    String toplevel = OdcsServer.get().baseUrl() + "/composes/odcs-" + id;
    JsonObject expected =
        Json.createObjectBuilder()
            .add("arches", "x86_64")
            .addNull("base_module_br_name")
            .addNull("base_module_br_stream")
            .addNull("base_module_br_stream_version_gte")
            .addNull("base_module_br_stream_version_lte")
            .addNull("builds")
            .addNull("compose_type")
            .add("flags", Json.createArrayBuilder())
            .add("id", id)
            .addNull("koji_event")
            .addNull("koji_task_id")
            .addNull("label")
            .addNull("lookaside_repos")
            .addNull("modular_koji_tags")
            .addNull("module_defaults_url")
            .addNull("modules")
            .add("multilib_arches", "")
            .add("multilib_method", 0)
            .add("owner", "me")
            .addNull("packages")
            .addNull("parent_pungi_compose_ids")
            .addNull("pungi_compose_id")
            .add("pungi_config_dump", "test")
            .addNull("removed_by")
            .addNull("respin_of")
            .add("result_repo", toplevel + "/compose/Temporary")
            .add("result_repofile", toplevel + "/compose/Temporary/odcs-" + id + ".repo")
            .add("results", Json.createArrayBuilder().add("repository"))
            .addNull("scratch_build_tasks")
            .addNull("scratch_modules")
            .add("sigkeys", "")
            .add("source", "testmodule-master")
            .add("source_type", 2)
            .add("state", 0)
            .add("state_name", "wait")
            .addNull("state_reason")
            .add("target_dir", "default")
            .addNull("time_done")
            .addNull("time_removed")
            .addNull("time_started")
            .add("time_submitted", submitted.toString())
            .add("time_to_expire", submitted.plusSeconds(3600).toString())
            .add("toplevel_url", toplevel)
            .build();
    assertEquals(expected, ok(anonymous.get(composeUrl(id))));
  }

  /**
   * D-02 and D-03: a compose of the default target dir (ODCS: stored target dir null; ours: {@code
   * default}) lives in the configured {@code odcs.target-dir}: top dir {@code odcs-N}, repository
   * dir {@code compose/Temporary}, repo file {@code compose/Temporary/odcs-N.repo}.
   */
  @Test
  void d02_d03_composePathsUnderTheConfiguredTargetDir() throws Exception {
    long id =
        id(
            anonymous.submit(
                "{\"source\": {\"type\": \"repo\", \"source\": \""
                    + HelloRepo.path()
                    + "\"}, \"flags\": [\"no_reuse\"]}"));
    JsonObject done = anonymous.awaitState(id, Duration.ofSeconds(60), "done", "failed");
    assertEquals("done", done.getString("state_name"), done::toString);
    assertEquals("default", done.getString("target_dir"));
    Path top = OdcsServer.get().targetDir().resolve("odcs-" + id);
    assertTrue(Files.isDirectory(top), top::toString);
    assertTrue(Files.isDirectory(top.resolve("compose/Temporary")));
    Path repoFile = top.resolve("compose/Temporary/odcs-" + id + ".repo");
    assertTrue(Files.isRegularFile(repoFile), repoFile::toString);
    assertEquals(
        Files.readString(repoFile), anonymous.get(done.getString("result_repofile")).body());
  }

  /**
   * D-05: ODCS looks users up by name and creates them without groups. We keep no users table: the
   * owner is recorded as the authenticated name, again the same for a second request, and no group
   * is stored anywhere (groups come with each request, from the identity).
   */
  @Test
  void d05_ownerIsRecordedByNameAndNoGroupsAreStored() throws Exception {
    String user = "d05-" + Api.unique();
    OdcsApi api = Api.as(user, "composer");
    String body = "{\"source\": {\"type\": \"tag\", \"source\": \"f26\"}}";
    assertEquals(user, ok(api.post(Api.COMPOSES, body)).getString("owner"));
    assertEquals(user, ok(api.post(Api.COMPOSES, body)).getString("owner"));
    try (Connection db = TestEnvironment.current().postgres().connect(OdcsServer.get().db());
        Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "select count(*) from information_schema.columns where table_schema = 'public'"
                    + " and (table_name like '%user%' or column_name like '%group%')")) {
      rs.next();
      assertEquals(0, rs.getInt(1), "no users table, no group column");
    }
  }

  /**
   * D-06: c1 and c2 reuse c3, c3 reuses c4. Our equivalent of ODCS's "reused compose" and "reusing
   * composes" relations is what a renewal of c3 extends: c4 and [c1, c2], one level each way — not
   * c5, which reuses c4 too, nor an unrelated compose.
   */
  @Test
  void d06_reuseRelationsOfACompose() {
    Instant soon = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    long c4 = compose().state(DONE).expires(soon).insert();
    long c3 = compose().state(DONE).reusing(c4).expires(soon).insert();
    long c2 = compose().state(DONE).reusing(c3).expires(soon).insert();
    long c1 = compose().state(DONE).reusing(c3).expires(soon).insert();
    long c5 = compose().state(DONE).reusing(c4).expires(soon).insert();
    long unrelated = compose().state(DONE).expires(soon).insert();

    Instant requested = Instant.now();
    ok(Api.as("dev").patch(composeUrl(c3), "{\"seconds_to_live\": 10800}"));
    Instant expected = requested.plus(Duration.ofHours(3));
    for (long related : new long[] {c3, c4, c1, c2}) {
      assertAround(
          expected,
          time(ok(anonymous.get(composeUrl(related))), "time_to_expire"),
          Duration.ofSeconds(5));
    }
    assertEquals(soon, time(ok(anonymous.get(composeUrl(c5))), "time_to_expire"));
    assertEquals(soon, time(ok(anonymous.get(composeUrl(unrelated))), "time_to_expire"));
  }

  /**
   * D-09: the expiry query takes {@code done} and {@code failed} composes whose time_to_expire
   * passed, and only those: here the expiry timer (every second on the test server) removes them
   * and leaves the others alone.
   */
  @Test
  void d09_onlyExpiredDoneAndFailedComposesExpire() {
    Instant past = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS);
    Instant future = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS);
    long done = compose().state(DONE).expires(past).insert();
    long failed = compose().state(FAILED).reason("boom").expires(past).insert();
    long waiting = compose().state(WAIT).expires(past).insert();
    long generating = compose().state(GENERATING).started(Instant.now()).expires(past).insert();
    long removed = compose().state(REMOVED).reason("gone").expires(past).insert();
    long doneLater = compose().state(DONE).expires(future).insert();

    anonymous.awaitState(done, Duration.ofSeconds(30), "removed");
    anonymous.awaitState(failed, Duration.ofSeconds(30), "removed");
    assertEquals("wait", anonymous.compose(waiting).getString("state_name"));
    assertEquals("generating", anonymous.compose(generating).getString("state_name"));
    JsonObject stillRemoved = anonymous.compose(removed);
    assertEquals("removed", stillRemoved.getString("state_name"));
    assertEquals("gone", stillRemoved.getString("state_reason"));
    assertEquals("done", anonymous.compose(doneLater).getString("state_name"));
  }
}
