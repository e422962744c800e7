package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/**
 * Reuse of an older compose: an equal request for unchanged source metadata is answered by the
 * older compose's tree; no_reuse and a changed repository are not.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ReuseIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());

  private JsonObject compose(Path repo, String extra) {
    long id =
        api.submit(
                "{\"source\": {\"type\": \"repo\", \"source\": \""
                    + repo
                    + "\", \"packages\": [\"reuse-me\"]}, \"arches\": [\"x86_64\"]"
                    + extra
                    + "}")
            .getJsonNumber("id")
            .longValue();
    return api.awaitState(id, TIMEOUT, "done", "failed");
  }

  private static Path repo(String name) throws IOException {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed for the source repos");
    Path dir =
        Files.createDirectories(TestEnvironment.current().itDir().resolve("repos").resolve(name));
    TestRpms.builder("reuse-me", "1.0", "1", "noarch").build(dir);
    TestRepos.createrepo(dir);
    return dir;
  }

  @Test
  void equalRequestIsAnsweredByTheOlderCompose_andRenewExtendsBoth() throws IOException {
    Path repo = repo("reuse-equal");
    JsonObject first = compose(repo, ", \"seconds_to_live\": 600");
    assertEquals("done", first.getString("state_name"));
    JsonObject second = compose(repo, ", \"seconds_to_live\": 3600");
    assertEquals("done", second.getString("state_name"));
    assertNotEquals(first.getInt("id"), second.getInt("id"));
    assertEquals(first.getString("result_repo"), second.getString("result_repo"));
    assertEquals(first.getString("toplevel_url"), second.getString("toplevel_url"));
    assertEquals("Compose is generated successfully", second.getString("state_reason"));
    assertTrue(
        Files.notExists(OdcsServer.get().targetDir().resolve("odcs-" + second.getInt("id"))),
        "no tree of its own");
    JsonObject firstNow = api.compose(first.getInt("id"));
    assertEquals(
        second.getString("time_to_expire"),
        firstNow.getString("time_to_expire"),
        "the older compose lives as long as the one reusing it");

    var renewed =
        api.send("PATCH", "/api/1/composes/" + second.getInt("id"), "{\"seconds_to_live\": 7200}");
    assertEquals(200, renewed.status(), renewed.body());
    Instant until = Instant.parse(renewed.json().getString("time_to_expire"));
    assertTrue(until.isAfter(Instant.now().plusSeconds(7000)));
    assertEquals(
        renewed.json().getString("time_to_expire"),
        api.compose(first.getInt("id")).getString("time_to_expire"),
        "renewing one extends the other");
  }

  @Test
  void removingTheReusedComposeRemovesTheComposesReusingIt() throws IOException {
    Path repo = repo("reuse-removed");
    JsonObject first = compose(repo, "");
    JsonObject second = compose(repo, "");
    assertEquals(first.getString("result_repo"), second.getString("result_repo"), "reused");
    var removal = api.as("root").send("DELETE", "/api/1/composes/" + first.getInt("id"), null);
    assertEquals(202, removal.status(), removal.body());
    JsonObject secondNow = api.awaitState(second.getInt("id"), TIMEOUT, "removed");
    assertTrue(
        secondNow.getString("state_reason").endsWith("Removed by root."),
        secondNow.getString("state_reason"));
    api.awaitState(first.getInt("id"), TIMEOUT, "removed");
    assertTrue(Files.notExists(OdcsServer.get().targetDir().resolve("odcs-" + first.getInt("id"))));
  }

  @Test
  void noReuseGeneratesAgain() throws IOException {
    Path repo = repo("reuse-flag");
    JsonObject first = compose(repo, "");
    JsonObject second = compose(repo, ", \"flags\": [\"no_reuse\"]");
    assertEquals("done", second.getString("state_name"));
    assertNotEquals(first.getString("result_repo"), second.getString("result_repo"));
  }

  @Test
  void changedRepositoryIsNeverMistakenForTheOldOne() throws IOException {
    Path repo = repo("reuse-changed");
    JsonObject first = compose(repo, "");
    TestRpms.builder("reuse-me", "1.1", "1", "noarch").build(repo);
    TestRepos.createrepo(repo);
    JsonObject second = compose(repo, "");
    assertEquals("done", second.getString("state_name"));
    assertNotEquals(first.getString("result_repo"), second.getString("result_repo"));
    assertTrue(
        Files.exists(
            OdcsServer.get()
                .targetDir()
                .resolve(
                    "odcs-"
                        + second.getInt("id")
                        + "/compose/Temporary/x86_64/os/Packages/r/reuse-me-1.1-1.noarch.rpm")));
  }
}
