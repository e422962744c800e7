package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi.Reply;
import org.odcsj.testsupport.pungi.PungiTestDouble;

/**
 * raw_config composes through the deployed WAR: the server checks the configuration out of a local
 * git repository and runs the Pungi process test double (see {@link RawConfigFixture}) — done with
 * pungi_compose_id, links and logs; failed with Pungi's errors; killed with its process group at
 * the timeout; regenerated from the stored config dump.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class RawConfigComposeIT {

  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final Duration QUEUED = Duration.ofMinutes(5);

  private final String baseUrl = OdcsServer.get().baseUrl();
  // Group dev3 may use raw_config with any key and compose type.
  private final OdcsApi api = new OdcsApi(baseUrl).as("rawbot", "dev3");
  private final OdcsApi root = new OdcsApi(baseUrl).as("root");

  private long submit(String source, String composeType, String label) {
    return api.submit(
            "{\"source\": {\"type\": \"raw_config\", \"source\": \""
                + source
                + "\"}, \"compose_type\": \""
                + composeType
                + "\""
                + (label == null ? "" : ", \"label\": \"" + label + "\"")
                + "}")
        .getJsonNumber("id")
        .longValue();
  }

  private String served(long id, String file) {
    Reply reply = api.get("/composes/odcs-" + id + "/" + file);
    assertEquals(200, reply.status(), file + ": " + reply.body());
    return reply.body();
  }

  @Test
  void productionComposeIsDoneWithItsPungiComposeIdLinksLogsAndConfigDump() throws Exception {
    long id = submit("raw_it#master", "production", "Alpha-1");
    JsonObject compose = api.awaitState(id, WAIT, "done", "failed");
    assertEquals("done", compose.getString("state_name"), compose.toString());
    String pungiId = compose.getString("pungi_compose_id");
    assertTrue(pungiId.matches("rawit-1-\\d{8}\\.\\d+"), pungiId);
    assertEquals("", compose.getString("result_repofile"));
    assertTrue(compose.getJsonNumber("koji_event").longValue() > 0, compose.toString());
    assertTrue(
        compose.getString("pungi_config_dump").contains("\"release_short\": \"rawit\""),
        compose.toString());

    Path production = OdcsServer.get().targetDir().resolve("production");
    assertEquals(Path.of("../odcs-" + id), Files.readSymbolicLink(production.resolve(pungiId)));
    assertEquals(
        Path.of("../odcs-" + id), Files.readSymbolicLink(production.resolve("latest-rawit-1")));
    assertEquals(
        Path.of("../odcs-" + id),
        Files.readSymbolicLink(production.resolve("latest-rawit-1-Alpha-1")));
    assertTrue(Files.isDirectory(production.resolve(pungiId).resolve("compose/metadata")));

    String stdout = served(id, "pungi-stdout.log");
    List<String> args = stdout.lines().filter(l -> l.startsWith("arg: ")).toList();
    assertTrue(args.get(0).matches("arg: --config=/.*/pungi\\.conf"), stdout);
    assertEquals("arg: --no-latest-link", args.get(1));
    assertTrue(args.get(2).startsWith("arg: --compose-dir="), stdout);
    assertEquals("arg: --production", args.get(3));
    assertEquals("arg: --label=Alpha-1", args.get(4));
    assertEquals("arg: --koji-event", args.get(5));
    assertEquals("arg: " + compose.getJsonNumber("koji_event").longValue(), args.get(6));
    assertTrue(served(id, "pungi-stderr.log").contains("pungi test double starting"));
    assertEquals("FINISHED\n", served(id, "STATUS"));
    // The server's ODCS_* settings (database and broker passwords) are not passed to Pungi.
    assertTrue(stdout.contains("\nserver settings in environment: 0\n"), stdout);
    Reply tail =
        api.withHeader("Range", "bytes=5-").get("/composes/odcs-" + id + "/pungi-stdout.log");
    assertEquals(206, tail.status());
    assertEquals(stdout.substring(5), tail.body());
  }

  @Test
  void regenerationRunsTheStoredConfigDump() throws Exception {
    long id = submit("raw_it#master", "development", null);
    JsonObject first = api.awaitState(id, WAIT, "done", "failed");
    assertEquals("done", first.getString("state_name"), first.toString());
    String firstPungiId = first.getString("pungi_compose_id");
    assertEquals(202, root.delete("/api/1/composes/" + id).status());
    api.awaitState(id, WAIT, "removed");
    // Removing the compose removed its links in <target>/<compose_type>/.
    Path development = OdcsServer.get().targetDir().resolve("development");
    assertFalse(Files.exists(development.resolve(firstPungiId), LinkOption.NOFOLLOW_LINKS));

    Reply renewed = api.patch("/api/1/composes/" + id, "{\"seconds_to_live\": 600}");
    assertEquals(200, renewed.status(), renewed.body());
    long again = renewed.json().getJsonNumber("id").longValue();
    assertNotEquals(id, again);
    JsonObject second = api.awaitState(again, WAIT, "done", "failed");
    assertEquals("done", second.getString("state_name"), second.toString());

    String stdout = served(again, "pungi-stdout.log");
    assertTrue(stdout.matches("(?s)arg: --config=/[^\\n]*/pungi\\.json\\n.*"), stdout);
    assertTrue(stdout.contains("arg: --respin-of=" + firstPungiId + "\n"), stdout);
    assertTrue(second.getString("pungi_config_dump").contains("\"from\": \"pungi.json\""));
    assertEquals(
        Path.of("../odcs-" + again),
        Files.readSymbolicLink(development.resolve(second.getString("pungi_compose_id"))));
  }

  @Test
  void failingPungiFailsTheComposeWithTheCommandItsLogsAndItsErrors() {
    long id = submit("raw_it#fail", "test", null);
    JsonObject compose = api.awaitState(id, WAIT, "done", "failed");
    assertEquals("failed", compose.getString("state_name"), compose.toString());
    String reason = compose.getString("state_reason");
    String logs = baseUrl + "/composes/odcs-" + id + "/pungi-std";
    assertTrue(reason.startsWith("Error while generating compose: Command '['"), reason);
    assertTrue(
        reason.contains(
            "' returned non-zero value 1, stdout log: "
                + logs
                + "out.log, stderr log: "
                + logs
                + "err.log\n"),
        reason);
    assertTrue(
        reason.endsWith(
            "\nCompose run failed: the test double was told to fail\n  in phase gather\n"),
        reason);
    // The logs the reason names are served although the compose failed.
    assertTrue(served(id, "pungi-stdout.log").contains("arg: --test"));
    assertTrue(served(id, "pungi-stderr.log").contains("pungi test double starting"));
  }

  @Test
  void hangingPungiIsKilledWithItsProcessGroupAtPungiTimeout() throws Exception {
    long id = submit("raw_it_hang#hang", "test", null);
    JsonObject compose = api.awaitState(id, WAIT, "done", "failed");
    assertEquals("failed", compose.getString("state_name"), compose.toString());
    assertEquals(
        "Error while generating compose: Compose has taken more time than allowed by"
            + " configuration (3 seconds)",
        compose.getString("state_reason"));
    String stdout = served(id, "pungi-stdout.log");
    for (String key : List.of("child pid", "pid")) {
      Matcher m = Pattern.compile("(?m)^" + key + ": (\\d+)$").matcher(stdout);
      assertTrue(m.find(), stdout);
      long pid = Long.parseLong(m.group(1));
      assertFalse(
          PungiTestDouble.stillRuns(pid, java.time.Duration.ofSeconds(5)),
          key + " " + pid + " still runs");
    }
  }

  @Test
  void cancellingAGeneratingComposeStopsPungiAtOnce() throws Exception {
    long id = submit("raw_it_slow#hang", "test", null);
    // Two composes generate at once on the shared server: this one may wait for a slot first.
    JsonObject started = api.awaitState(id, QUEUED, "generating", "done", "failed");
    assertEquals("generating", started.getString("state_name"), started.toString());
    String stdout = "";
    java.time.Instant until = java.time.Instant.now().plus(WAIT);
    while (!stdout.contains("child pid: ") && java.time.Instant.now().isBefore(until)) {
      Thread.sleep(200);
      Reply reply = api.get("/composes/odcs-" + id + "/pungi-stdout.log");
      stdout = reply.status() == 200 ? reply.body() : "";
    }
    String seen = stdout;
    assertTrue(
        stdout.contains("child pid: "),
        () ->
            "Pungi did not start: "
                + seen
                + "\ncompose: "
                + api.compose(id)
                + "\ngeneration log:\n"
                + api.get("/composes/odcs-" + id + "/compose/logs/odcs.log").body());

    assertEquals(202, api.delete("/api/1/composes/" + id).status());

    // Well before the 10-minute pungi_timeout: the generation sees the cancel within seconds.
    for (String key : List.of("child pid", "pid")) {
      Matcher m = Pattern.compile("(?m)^" + key + ": (\\d+)$").matcher(stdout);
      assertTrue(m.find(), stdout);
      long pid = Long.parseLong(m.group(1));
      assertFalse(
          PungiTestDouble.stillRuns(pid, java.time.Duration.ofSeconds(20)),
          key + " " + pid + " still runs after the cancel");
    }
    JsonObject cancelled = api.compose(id);
    assertEquals("failed", cancelled.getString("state_name"), cancelled.toString());
    assertEquals("Canceled by rawbot", cancelled.getString("state_reason"));
  }

  @Test
  void unknownRawConfigNameIsRefused() {
    Reply reply =
        api.post(
            "/api/1/composes/",
            "{\"source\": {\"type\": \"raw_config\", \"source\": \"raw_nope#master\"}}");
    assertEquals(400, reply.status(), reply.body());
    assertEquals(
        "Source \"raw_nope\" does not exist in server configuration.",
        reply.json().getString("message"));
  }
}
