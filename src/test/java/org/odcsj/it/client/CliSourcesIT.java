package org.odcsj.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.KojiFixture;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.koji.KojiTestTopdir.ImportedBuild;

/**
 * The {@code odcs} command line's create commands for the Koji, MBS, Pulp and raw_config sources
 * against the deployed WAR and its Koji protocol test hub and MBS protocol test server: each
 * request reaches the server and the command ends as the compose (or the server's refusal) does.
 * The exact requests every command sends are in {@code clienttests.CliRequestsTest}.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class CliSourcesIT {

  private static final JsonProvider JSON = JsonProvider.provider();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String u = UUID.randomUUID().toString().substring(0, 8);
  private final KojiFixture koji = KojiFixture.get();

  private static JsonObject object(String text) {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readObject();
    }
  }

  private static String rpmsJson(JsonObject compose) throws Exception {
    HttpResponse<String> rpms =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(compose.getString("toplevel_url") + "/compose/metadata/rpms.json"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, rpms.statusCode(), rpms.body());
    return rpms.body();
  }

  private ImportedBuild build(String name) {
    return koji.topdir()
        .importBuild(
            name,
            "1.0",
            "1",
            null,
            TestRpms.builder(name, "1.0", "1", "noarch").file("/usr/share/" + name, "x"));
  }

  /** {@code odcs -q --json <args>}: the compose it waited for. */
  private static JsonObject done(String... args) throws Exception {
    String[] all = new String[args.length + 2];
    all[0] = "-q";
    all[1] = "--json";
    System.arraycopy(args, 0, all, 2, args.length);
    CliProcess.Result result = CliProcess.run(all);
    assertEquals(0, result.exit(), () -> result.err() + result.out());
    JsonObject compose = object(result.out());
    assertEquals("done", compose.getString("state_name"), compose::toString);
    return compose;
  }

  @Test
  void createTagBuildPungiComposeAndLowLevelCreateComposeFromKoji() throws Exception {
    String tag = "cli-" + u;
    long tagId = koji.koji().createTag(tag, "x86_64");
    ImportedBuild tagged = build("cli-a-" + u);
    koji.koji().packageListAdd(tagId, tagged.name());
    koji.koji().tagBuild(tagId, tagged.id());
    build("cli-b-" + u); // not tagged: only create-build takes it

    JsonObject fromTag = done("create-tag", tag, "--flag", "no_reuse");
    assertEquals(1, fromTag.getInt("source_type"), fromTag::toString); // tag
    assertEquals(tag, fromTag.getString("source"));
    assertTrue(rpmsJson(fromTag).contains("cli-a-" + u + "-0:1.0-1.noarch"));

    JsonObject fromBuild = done("create-build", "cli-b-" + u + "-1.0-1");
    assertTrue(rpmsJson(fromBuild).contains("cli-b-" + u + "-0:1.0-1.noarch"));

    JsonObject copy =
        done("create-pungi-compose", fromTag.getString("toplevel_url") + "/compose/Temporary");
    assertTrue(rpmsJson(copy).contains("cli-a-" + u + "-0:1.0-1.noarch"));

    JsonObject lowLevel = done("create", "tag", tag, "--flag", "no_reuse");
    assertTrue(rpmsJson(lowLevel).contains("cli-a-" + u + "-0:1.0-1.noarch"));
  }

  @Test
  void createModuleEndsWithTheComposesFailureAndExitOne() throws Exception {
    CliProcess.Result result = CliProcess.run("create-module", "nosuch" + u + ":1");
    assertEquals(1, result.exit(), () -> result.err() + result.out());
    assertTrue(
        (result.out() + result.err())
            .contains("Failed to find module nosuch" + u + ":1 in ready state in the MBS."),
        () -> result.err() + result.out());
  }

  @Test
  void createPulpAndCreateRawConfigReachTheServersPolicy() throws Exception {
    // This server lets anonymous users compose neither (ApiPostIT pins it): its refusal comes
    // back as one line and exit code 255.
    for (String[] args :
        new String[][] {{"create-pulp", "cs-" + u}, {"create-raw-config", "raw_it", "master"}}) {
      CliProcess.Result result = CliProcess.run(args);
      assertEquals(255, result.exit(), () -> result.err() + result.out());
      String type = args[0].equals("create-pulp") ? "pulp" : "raw_config";
      assertTrue(result.err().contains("source_types=" + type), result::err);
      assertEquals(1, result.err().strip().lines().count(), result::err);
    }
  }
}
