package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.odcsj.it.api.Api.COMPOSES;
import static org.odcsj.it.api.Api.assertError;
import static org.odcsj.it.api.Api.id;
import static org.odcsj.it.api.Api.ok;

import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsApi.Reply;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/** Spec §10.9 and §2.6.5: raw_config composes, as user {@code dev2}. */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ApiRawConfigIT {

  private static final String FORMAT_MESSAGE =
      "Source must be in \"source_name#commit_hash\" format for \"raw_config\" source_type.";

  private static OdcsApi dev2;

  @BeforeAll
  static void actAsDev2() {
    dev2 = Api.as("dev2");
  }

  private static Reply rawConfig(OdcsApi api, String source) {
    return api.post(
        COMPOSES, "{\"source\": {\"type\": \"raw_config\", \"source\": \"" + source + "\"}}");
  }

  @Test
  void v101_onlyOneRawConfigPerCompose() {
    assertError(
        rawConfig(dev2, "pungi_cfg#hash pungi2cfg_hash"),
        400,
        "Only single source is allowed for \"raw_config\" source_type");
  }

  @Test
  void v102_sourceWithoutCommitIsRefused() {
    assertError(rawConfig(dev2, "pungi_cfg"), 400, FORMAT_MESSAGE);
  }

  @Test
  void v103_sourceWithEmptyCommitIsRefused() {
    assertError(rawConfig(dev2, "pungi_cfg#"), 400, FORMAT_MESSAGE);
  }

  @Test
  void v104_sourceWithEmptyNameIsRefused() {
    assertError(rawConfig(dev2, "#hash"), 400, FORMAT_MESSAGE);
  }

  @Test
  void v105_sourceOfOnlyASeparatorIsRefused() {
    assertError(rawConfig(dev2, "#"), 400, FORMAT_MESSAGE);
  }

  @Test
  void sourceWithTwoSeparatorsIsRefused() {
    assertError(rawConfig(dev2, "a#b#c"), 400, FORMAT_MESSAGE);
  }

  @Test
  void v106_rawConfigMustBeConfigured() throws Exception {
    OdcsApi withoutRawConfigs = new OdcsApi(OdcsServer.alt().baseUrl()).as("dev2");
    assertError(
        rawConfig(withoutRawConfigs, "pungi_cfg#hash"),
        400,
        "Source \"pungi_cfg\" does not exist in server configuration.");
  }

  @Test
  void unknownRawConfigNameIsRefused() {
    assertError(
        rawConfig(dev2, "nonexistent_cfg#hash"),
        400,
        "Source \"nonexistent_cfg\" does not exist in server configuration.");
  }

  @Test
  void v107_rawConfigComposeIsCreatedWithoutRepoUrls() {
    JsonObject compose =
        ok(
            dev2.post(
                COMPOSES,
                "{\"source\": {\"type\": \"raw_config\", \"source\": \"pungi_cfg#hash\"},"
                    + " \"label\": \"Beta-1.2\", \"compose_type\": \"nightly\"}"));
    assertEquals("wait", compose.getString("state_name"));
    assertEquals(5, compose.getInt("source_type"));
    assertEquals("pungi_cfg#hash", compose.getString("source"));
    assertEquals("Beta-1.2", compose.getString("label"));
    assertEquals("nightly", compose.getString("compose_type"));
    assertEquals("", compose.getString("result_repofile"));
    assertEquals("", compose.getString("result_repo"));
    assertEquals(
        OdcsServer.get().baseUrl() + "/composes/odcs-" + id(compose),
        compose.getString("toplevel_url"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"master", "f26-branch"})
  void commitMayBeABranchName(String commit) {
    JsonObject compose = ok(rawConfig(dev2, "pungi_cfg2#" + commit));
    assertEquals("pungi_cfg2#" + commit, compose.getString("source"));
  }
}
