package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/** Renewing a removed compose regenerates it with the same NEVRAs, even if the source moved on. */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class RegenerateIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());

  @Test
  void regeneratedComposeHasTheSameNevrasAsTheRemovedOne() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed for the source repo");
    Path repo =
        Files.createDirectories(TestEnvironment.current().itDir().resolve("repos/regenerate"));
    TestRpms.builder("regen-me", "1.0", "1", "noarch").build(repo);
    TestRepos.createrepo(repo);
    String request =
        "{\"source\": {\"type\": \"repo\", \"source\": \""
            + repo
            + "\", \"packages\": [\"regen-me\"]}, \"flags\": [\"no_reuse\"]}";
    long original = api.submit(request).getJsonNumber("id").longValue();
    assertEquals(
        "done", api.awaitState(original, TIMEOUT, "done", "failed").getString("state_name"));

    TestRpms.builder("regen-me", "2.0", "1", "noarch").build(repo); // the source moves on
    TestRepos.createrepo(repo);
    assertEquals(202, api.send("DELETE", "/api/1/composes/" + original, null).status());
    api.awaitState(original, TIMEOUT, "removed");

    var renewed = api.send("PATCH", "/api/1/composes/" + original, "");
    assertEquals(200, renewed.status(), renewed.body());
    long copy = renewed.json().getJsonNumber("id").longValue();
    assertNotEquals(original, copy);
    JsonObject regenerated = api.awaitState(copy, TIMEOUT, "done", "failed");
    assertEquals("done", regenerated.getString("state_name"), regenerated.toString());
    Path packages =
        OdcsServer.get()
            .targetDir()
            .resolve("odcs-" + copy + "/compose/Temporary/x86_64/os/Packages/r");
    assertTrue(Files.exists(packages.resolve("regen-me-1.0-1.noarch.rpm")));
    assertTrue(Files.notExists(packages.resolve("regen-me-2.0-1.noarch.rpm")));

    long fresh = api.submit(request).getJsonNumber("id").longValue();
    api.awaitState(fresh, TIMEOUT, "done", "failed");
    assertTrue(
        Files.exists(
            OdcsServer.get()
                .targetDir()
                .resolve(
                    "odcs-"
                        + fresh
                        + "/compose/Temporary/x86_64/os/Packages/r/regen-me-2.0-1.noarch.rpm")),
        "a new request takes the newest version");
  }
}
