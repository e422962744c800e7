package org.odcsj.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.HelloRepo;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/** The {@code odcs} command line (the built jar) against the deployed WAR. */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class CliIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final JsonProvider JSON = JsonProvider.provider();

  private static JsonObject object(String text) {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static long idIn(String text) {
    Matcher m = Pattern.compile("compose (\\d+) to finish").matcher(text);
    assertTrue(m.find(), text);
    return Long.parseLong(m.group(1));
  }

  @Test
  void createRepoWaitsToDoneWithPlainProgressLinesWhenNotATerminal() throws Exception {
    try (HeldRepo repo = HeldRepo.create()) {
      CliProcess cli = CliProcess.start("create-repo", repo.url(), "--flag", "no_reuse");
      assertTrue(repo.downloads.awaitRequest(TIMEOUT));
      cli.awaitOutput("% ", TIMEOUT); // a progress line: "compose N: generating 40% <phase>"
      repo.downloads.open();
      CliProcess.Result result = cli.await(TIMEOUT);
      assertEquals(0, result.exit(), result::err);
      long id = idIn(result.err());
      assertTrue(
          result
              .err()
              .startsWith("Waiting for command create-repo on compose " + id + " to finish."),
          result::err);
      assertTrue(
          Pattern.compile("(?m)^compose " + id + ": generating \\d+% \\S.* \\(\\d\\d:\\d\\d\\)$")
              .matcher(result.err())
              .find(),
          result::err);
      assertTrue(result.err().contains("compose " + id + ": done ("), result::err);
      assertFalse(result.err().contains("\r"), "no redrawing when not a terminal");
      assertTrue(result.out().contains("state            done"), result::out);
      assertTrue(
          result.out().contains("state_reason     Compose is generated successfully"), result::out);
      assertTrue(result.out().contains("/composes/odcs-" + id + "/compose/Temporary/odcs-" + id));
    }
  }

  @Test
  void progressBarRedrawsInPlaceInATerminal() throws Exception {
    try (HeldRepo repo = HeldRepo.create()) {
      CliProcess cli = CliProcess.startInTerminal("create-repo", repo.url(), "--flag", "no_reuse");
      assertTrue(repo.downloads.awaitRequest(TIMEOUT));
      cli.awaitOutput("% ", TIMEOUT);
      Thread.sleep(3_500); // at least one more poll: the bar is drawn again
      repo.downloads.open();
      CliProcess.Result result = cli.await(TIMEOUT);
      assertEquals(0, result.exit(), result::out);
      String terminal = result.out();
      long id = idIn(terminal);
      // Lines end at "\n" only: the bar's redrawing is "\r" + erase-line.
      String barLine =
          java.util.Arrays.stream(terminal.split("\n"))
              .filter(l -> l.contains("odcs-" + id + " "))
              .findFirst()
              .orElseThrow();
      // One line, redrawn: carriage return + erase-line before each drawing.
      assertTrue(barLine.split("\r\033\\[K", -1).length > 3, () -> barLine.replace("\033", "^["));
      assertTrue(
          Pattern.compile("odcs-" + id + " generating +\\[#*-+\\] +\\d+% \\d\\d:\\d\\d \\S")
              .matcher(barLine)
              .find(),
          () -> barLine.replace("\033", "^["));
      assertTrue(
          barLine.contains("odcs-" + id + " done       [########################] 100%"),
          () -> barLine.replace("\033", "^["));
      assertTrue(barLine.contains("| "), "the latest log line is shown");
      assertTrue(terminal.contains("state            done"), terminal);
    }
  }

  @Test
  void watchPrintsTheLogAsItGrows() throws Exception {
    try (HeldRepo repo = HeldRepo.create()) {
      CliProcess cli = CliProcess.start("--watch", "create-repo", repo.url(), "--flag", "no_reuse");
      assertTrue(repo.downloads.awaitRequest(TIMEOUT));
      cli.awaitOutput("Read 2 packages from " + repo.url(), TIMEOUT);
      assertFalse(cli.err().contains("published with"), "not yet generated");
      repo.downloads.open();
      CliProcess.Result result = cli.await(TIMEOUT);
      assertEquals(0, result.exit(), result::err);
      assertTrue(result.err().contains("published with 2 packages"), result::err);
      assertTrue(result.err().indexOf("Read 2 packages") < result.err().indexOf("published with"));
    }
  }

  @Test
  void aFailedComposeExitsOneWithItsReason() throws Exception {
    String missing = TestEnvironment.current().itDir().resolve("repos/missing-for-cli").toString();
    CliProcess.Result result = CliProcess.run("-q", "create-repo", missing);
    assertEquals(1, result.exit(), result::err);
    assertTrue(
        result
            .err()
            .matches(
                "(?s)odcs: compose \\d+ failed: Error while generating compose: source repository "
                    + Pattern.quote(missing)
                    + " does not exist\\s*"),
        result::err);
    assertTrue(result.out().contains("state            failed"), result::out);
  }

  @Test
  void noWaitThenWaitGetRenewAboutMetrics() throws Exception {
    CliProcess.Result created =
        CliProcess.run("--no-wait", "--json", "create-repo", HelloRepo.path().toString());
    assertEquals(0, created.exit(), created::err);
    JsonObject submitted = object(created.out());
    assertEquals("wait", submitted.getString("state_name"));
    long id = submitted.getJsonNumber("id").longValue();

    CliProcess.Result waited = CliProcess.run("--json", "-q", "wait", String.valueOf(id));
    assertEquals(0, waited.exit(), waited::err);
    JsonObject done = object(waited.out());
    assertEquals("done", done.getString("state_name"));
    assertEquals("", waited.err(), "-q: nothing on stderr");

    CliProcess.Result got = CliProcess.run("get", String.valueOf(id));
    assertEquals(0, got.exit(), got::err);
    assertTrue(got.out().startsWith("id               " + id + "\nstate            done\n"));

    CliProcess.Result renewed =
        CliProcess.run("--json", "renew", String.valueOf(id), "--seconds-to-live", "200000");
    assertEquals(0, renewed.exit(), renewed::err);
    JsonObject extended = object(renewed.out());
    assertEquals(id, extended.getJsonNumber("id").longValue());
    assertTrue(
        extended.getString("time_to_expire").compareTo(done.getString("time_to_expire")) > 0);

    CliProcess.Result about = CliProcess.run("about");
    assertEquals("noauth", object(about.out()).getString("auth_backend"));
    CliProcess.Result metrics = CliProcess.run("metrics");
    assertTrue(metrics.out().contains("# HELP composes_total Total number of composes"));
  }

  @Test
  void listFiltersPagesAndAllPages() throws Exception {
    String label = "cli-" + UUID.randomUUID().toString().substring(0, 8);
    String missing = TestEnvironment.current().itDir().resolve("repos/" + label).toString();
    for (int i = 0; i < 5; i++) {
      assertEquals(0, CliProcess.run("--no-wait", "create-repo", missing, "--label", label).exit());
    }
    CliProcess.Result page = CliProcess.run("list", "--label", label, "--per-page", "2");
    assertEquals(0, page.exit(), page::err);
    assertEquals(3, page.out().lines().count(), page::out); // header + 2
    assertTrue(page.out().startsWith("ID       STATE      SOURCE_TYPE"), page::out);
    assertEquals("page 1 of 3 (5 composes); --all for every page", page.err().strip());

    CliProcess.Result all = CliProcess.run("list", "--label", label, "--per-page", "2", "--all");
    assertEquals(6, all.out().lines().count(), all::out);
    assertTrue(all.out().lines().skip(1).allMatch(l -> l.contains(" repo ")), all::out);

    CliProcess.Result json =
        CliProcess.run("--json", "list", "--label", label, "--per-page", "2", "--all");
    try (var reader = JSON.createReader(new StringReader(json.out()))) {
      JsonArray items = reader.readArray();
      assertEquals(5, items.size());
      items.getValuesAs(JsonObject.class).forEach(c -> assertEquals(label, c.getString("label")));
    }
    CliProcess.Result none =
        CliProcess.run("list", "--label", label, "--source-type", "tag", "--all");
    assertEquals(1, none.out().lines().count(), none::out);
  }

  @Test
  void errorsAreOneLineOnStderrWithExitCode255() throws Exception {
    CliProcess.Result missing = CliProcess.run("get", "999999999");
    assertEquals(255, missing.exit());
    assertEquals("odcs: error: 404 No such compose found.", missing.err().strip());
    assertEquals("", missing.out());

    CliProcess.Result badFlag = CliProcess.run("create-repo", "/srv/x", "--flag", "foo");
    assertEquals(255, badFlag.exit());
    assertEquals(1, badFlag.err().strip().lines().count(), badFlag::err);
    assertTrue(badFlag.err().startsWith("odcs: error: 400 "), badFlag::err);
    assertTrue(badFlag.err().contains("foo"), badFlag::err);

    CliProcess.Result usage = CliProcess.run("get");
    assertEquals(2, usage.exit());
    assertTrue(usage.err().contains("Missing required parameter: 'COMPOSE_ID'"), usage::err);
  }

  @Test
  void cancelAndTimeout() throws Exception {
    try (HeldRepo repo = HeldRepo.create()) {
      CliProcess.Result created =
          CliProcess.run("--no-wait", "--json", "create-repo", repo.url(), "--flag", "no_reuse");
      long id = object(created.out()).getJsonNumber("id").longValue();
      assertTrue(repo.downloads.awaitRequest(TIMEOUT));
      CliProcess.Result timedOut = CliProcess.run("wait", String.valueOf(id), "--timeout", "2");
      assertEquals(3, timedOut.exit(), timedOut::err);
      assertTrue(
          timedOut
              .err()
              .contains(
                  "odcs: Retrieving ODCS compose "
                      + id
                      + " timed out after 2 seconds (last state: generating)"),
          timedOut::err);

      CliProcess.Result deleted = CliProcess.run("delete", String.valueOf(id));
      assertEquals(0, deleted.exit(), deleted::err);
      assertFalse(deleted.out().isBlank());
      repo.downloads.open();
      CliProcess.Result cancelled = CliProcess.run("-q", "wait", String.valueOf(id));
      assertEquals(1, cancelled.exit(), cancelled::err);
      assertTrue(cancelled.out().contains("state            failed"), cancelled::out);
    }
  }

  @Test
  void eventsFollowsAComposeOnTheBroker() throws Exception {
    var broker = TestEnvironment.current().broker();
    String[] brokerOptions = {
      "--broker",
      "amqp://127.0.0.1:" + broker.port(),
      "--broker-user",
      TestEnvironment.BROKER_USER,
      "--broker-password",
      TestEnvironment.BROKER_PASSWORD
    };
    try (HeldRepo repo = HeldRepo.create()) {
      CliProcess.Result created =
          CliProcess.run("--no-wait", "--json", "create-repo", repo.url(), "--flag", "no_reuse");
      long id = object(created.out()).getJsonNumber("id").longValue();
      assertTrue(repo.downloads.awaitRequest(TIMEOUT));
      CliProcess events =
          CliProcess.start(
              concat(brokerOptions, "events", "--compose", String.valueOf(id), "--count", "1"));
      CliProcess jsonEvents =
          CliProcess.start(
              concat(
                  brokerOptions,
                  "--json",
                  "events",
                  "--state",
                  "done",
                  "--compose",
                  String.valueOf(id),
                  "--for",
                  "60",
                  "--count",
                  "1"));
      // The same wait, through the broker instead of polling.
      CliProcess waiting = CliProcess.start(concat(brokerOptions, "-q", "wait", "" + id));
      events.awaitOutput("Listening on odcs.compose.state-changed", TIMEOUT);
      jsonEvents.awaitOutput("Listening on odcs.compose.state-changed", TIMEOUT);
      Thread.sleep(1_000);
      repo.downloads.open();
      CliProcess.Result line = events.await(TIMEOUT);
      assertEquals(0, line.exit(), line::err);
      assertTrue(
          line.out()
              .matches(
                  "\\d{4}-\\d\\d-\\d\\dT\\S+Z compose "
                      + id
                      + " done: Compose is"
                      + " generated successfully\\s*"),
          line::out);
      CliProcess.Result json = jsonEvents.await(TIMEOUT);
      JsonObject event = object(json.out());
      assertEquals("state-changed", event.getString("event"));
      assertEquals(id, event.getJsonObject("compose").getJsonNumber("id").longValue());
      assertEquals("done", event.getJsonObject("compose").getString("state_name"));
      CliProcess.Result waited = waiting.await(TIMEOUT);
      assertEquals(0, waited.exit(), waited::err);
      assertTrue(waited.out().contains("state            done"), waited::out);
    }
  }

  private static String[] concat(String[] first, String... rest) {
    String[] all = java.util.Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, all, first.length, rest.length);
    return all;
  }
}
