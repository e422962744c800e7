package org.odcsj.clienttests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.cli.OdcsCommand;

/**
 * What each {@code odcs} command sends, against a protocol test server of the ODCS API: the same
 * requests as the Python CLI's commands, our own ones, and the exit codes.
 */
class CliRequestsTest {

  private static final JsonProvider JSON = JsonProvider.provider();

  private OdcsApiProtocolTestServer server;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    server = new OdcsApiProtocolTestServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private int odcs(String... args) {
    List<String> all = new ArrayList<>(List.of("--server", server.url()));
    all.addAll(List.of(args));
    var cli = OdcsCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(all.toArray(String[]::new));
  }

  private static JsonValue json(String text) {
    try (var reader = JSON.createReader(new StringReader(text.replace('\'', '"')))) {
      return reader.readValue();
    }
  }

  private void assertPosted(String expectedJson) {
    var request = server.last();
    assertEquals("POST", request.method());
    assertEquals("/api/1/composes/", request.uri());
    assertEquals("application/json", request.header("Content-Type"));
    assertEquals(json(expectedJson), json(request.body()));
  }

  @Test
  void createTagSendsEveryKojiOption() {
    assertEquals(
        0,
        odcs(
            "--no-wait",
            "create-tag",
            "f40-build",
            "bash",
            "zsh",
            "--sigkey",
            "abc",
            "--sigkey",
            "none",
            "--koji-event",
            "123",
            "--arch",
            "x86_64",
            "--arch",
            "aarch64",
            "--flag",
            "no_deps",
            "--build",
            "foo-1-1",
            "--modular-tag",
            "mt",
            "--module-defaults-url",
            "https://git/defaults",
            "--module-defaults-commit",
            "master",
            "--scratch-module",
            "a:b:1:c",
            "--lookaside-repo",
            "http://l/repo",
            "--target-dir",
            "private"),
        err::toString);
    assertPosted(
        "{'source': {'type': 'tag', 'source': 'f40-build', 'packages': ['bash', 'zsh'],"
            + " 'sigkeys': ['abc', ''], 'koji_event': 123, 'builds': ['foo-1-1'],"
            + " 'modular_koji_tags': ['mt'], 'module_defaults_url': 'https://git/defaults',"
            + " 'module_defaults_commit': 'master', 'scratch_modules': ['a:b:1:c']},"
            + " 'arches': ['x86_64', 'aarch64'], 'flags': ['no_deps'],"
            + " 'lookaside_repos': ['http://l/repo'], 'target_dir': 'private'}");
    assertTrue(out.toString().contains("state            wait"), out::toString);
  }

  @Test
  void createModuleBuildPulpRawConfigAndPungiCompose() {
    assertEquals(
        0,
        odcs(
            "--no-wait",
            "create-module",
            "testmodule:master",
            "other:1",
            "--base-module-br-name",
            "platform",
            "--base-module-br-stream",
            "f40",
            "--base-module-br-stream-version-lte",
            "400000",
            "--base-module-br-stream-version-gte",
            "390000"));
    assertPosted(
        "{'source': {'type': 'module', 'source': 'testmodule:master other:1',"
            + " 'base_module_br_name': 'platform', 'base_module_br_stream': 'f40',"
            + " 'base_module_br_stream_version_lte': 400000,"
            + " 'base_module_br_stream_version_gte': 390000}}");

    assertEquals(0, odcs("--no-wait", "create-build", "a-1-1", "b-2-2", "--sigkey", "k"));
    assertPosted(
        "{'source': {'type': 'build', 'source': '', 'builds': ['a-1-1', 'b-2-2'],"
            + " 'sigkeys': ['k']}}");

    assertEquals(0, odcs("--no-wait", "create-pulp", "cs1", "cs2", "--flag", "no_reuse"));
    assertPosted("{'source': {'type': 'pulp', 'source': 'cs1 cs2'}, 'flags': ['no_reuse']}");

    assertEquals(
        0,
        odcs(
            "--no-wait",
            "create-raw-config",
            "my_config",
            "abc123",
            "--label",
            "Beta-1.0",
            "--compose-type",
            "nightly",
            "--koji-event",
            "9"));
    assertPosted(
        "{'source': {'type': 'raw_config', 'source': 'my_config#abc123', 'koji_event': 9},"
            + " 'label': 'Beta-1.0', 'compose_type': 'nightly'}");

    assertEquals(
        0,
        odcs(
            "--no-wait",
            "create-pungi-compose",
            "https://kojipkgs/compose/Server/x86_64/os",
            "bash"));
    assertPosted(
        "{'source': {'type': 'pungi_compose', 'source':"
            + " 'https://kojipkgs/compose/Server/x86_64/os', 'packages': ['bash']}}");

    assertEquals(
        0,
        odcs(
            "--no-wait",
            "create-repo",
            "/srv/repo",
            "hello",
            "--seconds-to-live",
            "60",
            "--result",
            "iso",
            "--multilib-arch",
            "i686",
            "--multilib-method",
            "runtime"));
    assertPosted(
        "{'source': {'type': 'repo', 'source': '/srv/repo', 'packages': ['hello']},"
            + " 'seconds_to_live': 60, 'results': ['iso'], 'multilib_arches': ['i686'],"
            + " 'multilib_method': ['runtime']}");

    assertEquals(0, odcs("--no-wait", "create", "tag", "f40", "bash", "--sigkey", "none"));
    assertPosted(
        "{'source': {'type': 'tag', 'source': 'f40', 'packages': ['bash'], 'sigkeys': ['']}}");
  }

  @Test
  void createModuleNeedsAModule() {
    assertEquals(2, odcs("--no-wait", "create-module"));
    assertTrue(err.toString().contains("Please give a module or --scratch-module"), err::toString);
    assertTrue(server.requests.isEmpty());
  }

  @Test
  void renewDeleteListAboutSendTheirRequests() {
    assertEquals(0, odcs("--no-wait", "renew", "7", "--seconds-to-live", "600"));
    assertEquals("PATCH", server.last().method());
    assertEquals("/api/1/composes/7", server.last().uri());
    assertEquals(json("{'seconds_to_live': 600}"), json(server.last().body()));

    server.replies.add(
        new OdcsApiProtocolTestServer.Reply(
            202,
            "{\"status\": 202,"
                + " \"message\": \"The delete request for compose (id=7) has been accepted and will be"
                + " processed by backend later.\"}"));
    assertEquals(0, odcs("delete", "7"));
    assertEquals("DELETE", server.last().method());
    assertTrue(out.toString().contains("has been accepted"), out::toString);

    assertEquals(
        0,
        odcs(
            "list",
            "--state",
            "done",
            "--source-type",
            "tag",
            "--owner",
            "me",
            "--order-by",
            "-time_done",
            "--per-page",
            "5"));
    assertEquals(
        "/api/1/composes/?owner=me&source_type=1&state=2&order_by=-time_done&per_page=5",
        server.last().uri());
    assertTrue(out.toString().contains("ID       STATE"), out::toString);

    server.replies.add(new OdcsApiProtocolTestServer.Reply(200, "{\"auth_backend\": \"noauth\"}"));
    assertEquals(0, odcs("about"));
    assertEquals("/api/1/about/", server.last().uri());
    assertTrue(out.toString().contains("\"auth_backend\": \"noauth\""), out::toString);
  }

  @Test
  void tokenIsSentAsBearerFromTheOptionOrAFile(@TempDir Path dir) throws Exception {
    assertEquals(0, odcs("--token", "abc.def", "--no-wait", "get", "7"));
    assertEquals("Bearer abc.def", server.last().header("Authorization"));
    Path file = Files.writeString(dir.resolve("token"), "from-file\nignored\n");
    assertEquals(0, odcs("--token", file.toString(), "--no-wait", "get", "7"));
    assertEquals("Bearer from-file", server.last().header("Authorization"));
  }

  @Test
  void aGetIsRetriedOn503ButAPostNever() {
    String unavailable =
        "{\"status\": 503, \"error\": \"Service Unavailable\", \"message\": \"The database is"
            + " unavailable; the request was not carried out. Try again later.\"}";
    server.replies.add(new OdcsApiProtocolTestServer.Reply(503, unavailable));
    assertEquals(0, odcs("--no-wait", "get", "7"), err::toString);
    assertEquals(2, server.requests.size());

    server.requests.clear();
    server.replies.add(new OdcsApiProtocolTestServer.Reply(503, unavailable));
    assertEquals(255, odcs("--no-wait", "create-repo", "/srv/repo"));
    assertEquals(1, server.requests.size());
    assertEquals(
        "odcs: error: 503 The database is unavailable; the request was not carried out. Try"
            + " again later.",
        err.toString().strip());
  }

  @Test
  void anErrorThatIsNotAnEnvelopeIsOneLineToo() {
    server.replies.add(new OdcsApiProtocolTestServer.Reply(502, "<html>\nBad gateway\n</html>"));
    assertEquals(255, odcs("--no-wait", "create-repo", "/srv/repo"));
    assertEquals("odcs: error: 502 <html>", err.toString().strip());
  }

  @Test
  void completionScriptIsGenerated() {
    assertEquals(0, odcs("generate-completion"));
    assertTrue(out.toString().contains("complete -F _complete_odcs"), out::toString);
    assertTrue(out.toString().contains("create-repo"));
  }
}
