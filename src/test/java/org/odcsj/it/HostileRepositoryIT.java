package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odcsj.testsupport.HandMadeRepo.BILLION_LAUGHS;
import static org.odcsj.testsupport.HandMadeRepo.PROLOG;
import static org.odcsj.testsupport.HandMadeRepo.externalEntity;
import static org.odcsj.testsupport.HandMadeRepo.primary;
import static org.odcsj.testsupport.HandMadeRepo.write;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.testsupport.TestHttpServer;

/**
 * Source repositories built to attack the service, through the deployed WAR: each compose fails,
 * and its {@code state_reason} says what was refused and why. A package linked outside the allowed
 * roots fails the compose (rather than being left out): a compose silently missing a package its
 * source lists would be worse than one that says why it cannot be made.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class HostileRepositoryIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static OdcsApi api;
  private static Path repos;

  @BeforeAll
  static void setUp() throws Exception {
    api = new OdcsApi(OdcsServer.get().baseUrl());
    repos = Files.createDirectories(TestEnvironment.current().itDir().resolve("repos/hostile"));
  }

  private static JsonObject composeOf(String source) {
    long id =
        api.submit(
                "{\"source\": {\"type\": \"repo\", \"source\": \""
                    + source
                    + "\"}, \"flags\": [\"no_reuse\"]}")
            .getJsonNumber("id")
            .longValue();
    return api.awaitState(id, TIMEOUT, "done", "failed");
  }

  private static String failedWith(JsonObject compose, String... parts) {
    assertEquals("failed", compose.getString("state_name"), compose.toString());
    String reason = compose.getString("state_reason");
    for (String part : parts) {
      assertTrue(reason.contains(part), "state_reason lacks \"" + part + "\": " + reason);
    }
    return reason;
  }

  @Test
  void aPackageLinkedOutsideTheAllowedRootsFailsTheComposeNamingIt() throws Exception {
    Path outside =
        Files.writeString(
            Files.createDirectories(TestEnvironment.current().itDir().resolve("outside"))
                .resolve("secret.rpm"),
            "not a package of yours");
    Path repo = write(repos.resolve("linked"), PROLOG, PROLOG, primary("Packages/hello.rpm", ""));
    Files.createDirectories(repo.resolve("Packages"));
    Files.deleteIfExists(repo.resolve("Packages/hello.rpm"));
    Files.createSymbolicLink(repo.resolve("Packages/hello.rpm"), outside);
    String reason =
        failedWith(
            composeOf(repo.toString()),
            "Packages/hello.rpm is a symbolic link to " + outside,
            "outside the allowed roots");
    assertFalse(reason.contains("not a package of yours"));
  }

  @Test
  void billionLaughsInPrimaryIsRefusedAsADtd() throws Exception {
    Path repo =
        write(repos.resolve("laughs"), PROLOG, BILLION_LAUGHS, primary("P/a.rpm", "&lol9;"));
    failedWith(composeOf(repo.toString()), "primary.xml contains a DTD", "refused");
  }

  @Test
  void anExternalEntityInARemoteRepomdIsRefusedAsADtd() throws Exception {
    Path repo =
        write(repos.resolve("remote-xxe"), externalEntity("repomd"), PROLOG, primary("P/a", ""));
    try (TestHttpServer web = TestHttpServer.serve(repos)) {
      String url = web.url() + (web.url().endsWith("/") ? "" : "/") + repo.getFileName();
      String reason = failedWith(composeOf(url), "repomd.xml contains a DTD", "refused");
      assertFalse(reason.contains("root:"), "no content of /etc/passwd in the reason");
    }
  }

  @Test
  void aLocationHrefLeavingTheRepositoryIsRefused() throws Exception {
    Path repo =
        write(repos.resolve("dotdot"), PROLOG, PROLOG, primary("Packages/../../linked/x.rpm", ""));
    failedWith(
        composeOf(repo.toString()), "\"Packages/../../linked/x.rpm\"", "leaves the repository");
  }
}
