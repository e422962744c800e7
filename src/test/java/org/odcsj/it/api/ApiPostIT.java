package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odcsj.it.api.Api.COMPOSES;
import static org.odcsj.it.api.Api.assertAround;
import static org.odcsj.it.api.Api.assertError;
import static org.odcsj.it.api.Api.assertErrorContains;
import static org.odcsj.it.api.Api.assertErrorStartsWith;
import static org.odcsj.it.api.Api.assertNoKey;
import static org.odcsj.it.api.Api.assertNull;
import static org.odcsj.it.api.Api.id;
import static org.odcsj.it.api.Api.ok;
import static org.odcsj.it.api.Api.time;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsApi.Reply;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Spec §10.5: {@code POST /api/1/composes/} — what a new compose looks like, how each request field
 * is stored and rendered, the request-specific 400s, lifetimes, and the allowed_clients policy of
 * {@link org.odcsj.it.TestPolicy} (allow and deny per restricted attribute).
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ApiPostIT {

  private static final String MODULE =
      "{\"source\": {\"type\": \"module\", \"source\": \"testmodule:master\"}}";

  private static String baseUrl;
  private static OdcsApi anonymous;
  private static OdcsApi dev;

  @BeforeAll
  static void clients() {
    baseUrl = OdcsServer.get().baseUrl();
    anonymous = Api.anonymous();
    dev = Api.as("dev");
  }

  private static JsonObject submit(OdcsApi api, String body) {
    return ok(api.post(COMPOSES, body));
  }

  /** A tag compose of {@code f26} with {@code packages: ["ed"]}, plus extra members. */
  private static String f26(String topLevel, String inSource) {
    return "{\"source\": {\"type\": \"tag\", \"source\": \"f26\", \"packages\": [\"ed\"]"
        + (inSource.isEmpty() ? "" : ", " + inSource)
        + "}"
        + (topLevel.isEmpty() ? "" : ", " + topLevel)
        + "}";
  }

  private static JsonArray strings(String... values) {
    var array = Json.createArrayBuilder();
    Arrays.stream(values).forEach(array::add);
    return array.build();
  }

  private static Duration lifetime(JsonObject compose) {
    return Duration.between(time(compose, "time_submitted"), time(compose, "time_to_expire"));
  }

  /**
   * The §3.4 JSON of a freshly submitted {@code testmodule:master} compose with server defaults.
   */
  private JsonObject freshModuleCompose(JsonObject actual, String owner) {
    long id = id(actual);
    String toplevel = baseUrl + "/composes/odcs-" + id;
    Instant submitted = time(actual, "time_submitted");
    assertAround(Instant.now(), submitted, Duration.ofSeconds(30));
    assertEquals(Duration.ofDays(1), lifetime(actual));
    return Json.createObjectBuilder()
        .add("arches", "x86_64")
        .addNull("base_module_br_name")
        .addNull("base_module_br_stream")
        .addNull("base_module_br_stream_version_gte")
        .addNull("base_module_br_stream_version_lte")
        .addNull("builds")
        .add("compose_type", "test")
        .add("flags", Json.createArrayBuilder())
        .add("id", id)
        .addNull("koji_event")
        .addNull("koji_task_id")
        .addNull("label")
        .add("lookaside_repos", "")
        .addNull("modular_koji_tags")
        .addNull("module_defaults_url")
        .addNull("modules")
        .add("multilib_arches", "")
        .add("multilib_method", 0)
        .add("owner", owner)
        .addNull("packages")
        .addNull("parent_pungi_compose_ids")
        .addNull("pungi_compose_id")
        .addNull("removed_by")
        .addNull("respin_of")
        .add("result_repo", toplevel + "/compose/Temporary")
        .add("result_repofile", toplevel + "/compose/Temporary/odcs-" + id + ".repo")
        .add("results", strings("repository"))
        .addNull("scratch_build_tasks")
        .addNull("scratch_modules")
        .add("sigkeys", "")
        .add("source", "testmodule:master")
        .add("source_type", 2)
        .add("state", 0)
        .add("state_name", "wait")
        .addNull("state_reason")
        .add("target_dir", "default")
        .addNull("time_done")
        .addNull("time_removed")
        .addNull("time_started")
        .add("time_submitted", actual.getString("time_submitted"))
        .add("time_to_expire", actual.getString("time_to_expire"))
        .add("toplevel_url", toplevel)
        .build();
  }

  @Test
  void v23_moduleComposeJsonHasEveryFieldAndDefault() {
    JsonObject compose = submit(dev, MODULE);
    assertEquals(freshModuleCompose(compose, "dev"), compose);
    assertNoKey(compose, "pungi_config_dump");
  }

  @Test
  void v24_tagComposeWithoutPackagesIsAccepted() {
    JsonObject compose =
        submit(
            dev,
            "{\"source\": {\"type\": \"tag\", \"source\": \"f26\"}, \"flags\": [\"no_deps\"]}");
    assertEquals("wait", compose.getString("state_name"));
    assertEquals(1, compose.getInt("source_type"));
    assertNull(compose, "packages");
  }

  @Test
  void v25_noDepsFlagIsStored() {
    JsonObject compose = submit(dev, f26("\"flags\": [\"no_deps\"]", ""));
    assertEquals(strings("no_deps"), compose.getJsonArray("flags"));
    assertEquals("ed", compose.getString("packages"));
  }

  @Test
  void v26_noInheritanceFlagIsStored() {
    JsonObject compose = submit(dev, f26("\"flags\": [\"no_inheritance\"]", ""));
    assertEquals(strings("no_inheritance"), compose.getJsonArray("flags"));
  }

  @Test
  void v27_requestedResultsComeWithRepository() {
    JsonObject compose = submit(dev, f26("\"results\": [\"boot.iso\"]", ""));
    assertEquals(strings("repository", "boot.iso"), compose.getJsonArray("results"));
  }

  @Test
  void v28_kojiEventIsStored() {
    JsonObject compose = submit(dev, f26("", "\"koji_event\": 123456"));
    assertEquals(123456, compose.getJsonNumber("koji_event").longValue());
  }

  @Test
  void v29_sigkeysAreSpaceJoined() {
    JsonObject compose = submit(dev, f26("", "\"sigkeys\": [\"123\", \"456\"]"));
    assertEquals("123 456", compose.getString("sigkeys"));
  }

  @Test
  void v30_serverDefaultSigkeysApplyWhenNoneAreRequested() throws Exception {
    OdcsApi alt = new OdcsApi(OdcsServer.alt().baseUrl()).as("dev");
    JsonObject compose = submit(alt, f26("", ""));
    assertEquals("x y", compose.getString("sigkeys"));
  }

  @Test
  void v31_allowedArchesAreStored() {
    JsonObject compose = submit(dev, f26("\"arches\": [\"ppc64\", \"s390\"]", ""));
    assertEquals("ppc64 s390", compose.getString("arches"));
  }

  @Test
  void v32_multilibArchesAreStoredWithoutPermissionCheck() {
    JsonObject compose =
        submit(
            dev,
            f26(
                "\"arches\": [\"ppc64\", \"s390\"], \"multilib_arches\": [\"x86_64\","
                    + " \"ppc64le\"]",
                ""));
    assertEquals("x86_64 ppc64le", compose.getString("multilib_arches"));
  }

  @Test
  void v33_multilibMethodsAreOredIntoANumber() {
    JsonObject compose =
        submit(
            dev,
            f26(
                "\"arches\": [\"ppc64\", \"s390\"], \"multilib_arches\": [\"x86_64\","
                    + " \"ppc64le\"], \"multilib_method\": [\"runtime\", \"devel\"]",
                ""));
    assertEquals(3, compose.getInt("multilib_method"));
  }

  @Test
  void v34_unknownMultilibMethodIsRefused() {
    assertError(
        dev.post(COMPOSES, f26("\"multilib_method\": [\"foo\", \"devel\"]", "")),
        400,
        "Unknown multilib method \"foo\"");
  }

  @Test
  void v35_modularKojiTagsAreStored() {
    JsonObject compose =
        submit(
            dev,
            "{\"source\": {\"type\": \"tag\", \"source\": \"f26\", \"modular_koji_tags\":"
                + " [\"f26-modules\"]}}");
    assertEquals("f26-modules", compose.getString("modular_koji_tags"));
  }

  @Test
  void v36_unknownTargetDirIsRefused() {
    assertError(
        dev.post(COMPOSES, f26("\"target_dir\": \"foo\"", "")),
        400,
        "Unknown \"target_dir\" \"foo\"");
  }

  @Test
  void v37_extraTargetDirNeedsPermission() {
    assertError(
        dev.post(COMPOSES, f26("\"target_dir\": \"releng-private\"", "")),
        403,
        "User dev not allowed to operate with compose with target_dirs=releng-private.");
  }

  @Test
  void v38_permittedUserComposesIntoAnExtraTargetDir() {
    JsonObject compose = submit(Api.as("dev3"), f26("\"target_dir\": \"releng-private\"", ""));
    assertEquals("releng-private", compose.getString("target_dir"));
    assertEquals("", compose.getString("toplevel_url"));
    assertEquals("", compose.getString("result_repo"));
    assertEquals("", compose.getString("result_repofile"));
  }

  @Test
  void defaultTargetDirMayBeNamedOrEmpty() {
    for (String name : List.of("default", "")) {
      JsonObject compose = submit(dev, f26("\"target_dir\": \"" + name + "\"", ""));
      assertEquals("default", compose.getString("target_dir"));
      assertEquals(baseUrl + "/composes/odcs-" + id(compose), compose.getString("toplevel_url"));
    }
  }

  @Test
  void v39_moduleDefaultsUrlAndCommitAreCombined() {
    JsonObject compose =
        submit(
            dev,
            "{\"source\": {\"type\": \"tag\", \"source\": \"f26\", \"module_defaults_url\":"
                + " \"git://localhost.tld/x.git\", \"module_defaults_commit\": \"master\"}}");
    assertEquals("git://localhost.tld/x.git master", compose.getString("module_defaults_url"));
  }

  @Test
  void v40_moduleDefaultsUrlWithoutCommitIsRefused() {
    assertError(
        dev.post(
            COMPOSES,
            "{\"source\": {\"type\": \"tag\", \"source\": \"f26\", \"module_defaults_url\":"
                + " \"git://localhost.tld/x.git\"}}"),
        400,
        "The \"module_defaults_url\" and \"module_defaults_commit\" must be used together.");
  }

  @Test
  void emptyModuleDefaultsAreTreatedAsAbsent() {
    JsonObject compose =
        submit(dev, f26("", "\"module_defaults_url\": \"\", \"module_defaults_commit\": \"\""));
    assertNull(compose, "module_defaults_url");
  }

  @Test
  void v41_duplicateSourceTokensAreStoredOnce() {
    JsonObject compose =
        submit(dev, "{\"source\": {\"type\": \"module\", \"source\": \"foo:x foo:x foo:y\"}}");
    List<String> tokens = List.of(compose.getString("source").split(" "));
    assertEquals(2, tokens.size(), compose::toString);
    assertEquals(Set.of("foo:x", "foo:y"), Set.copyOf(tokens));
  }

  @Test
  void v42_buildsOfATagComposeAreStored() {
    JsonObject compose = submit(dev, f26("", "\"builds\": [\"foo-1-1\", \"bar-1-1\"]"));
    assertEquals("foo-1-1 bar-1-1", compose.getString("builds"));
  }

  @Test
  void v43_buildComposeNeedsNoSource() {
    JsonObject compose =
        submit(
            dev,
            "{\"source\": {\"type\": \"build\", \"packages\": [\"ed\"], \"builds\": [\"foo-1-1\","
                + " \"bar-1-1\"]}}");
    assertEquals(6, compose.getInt("source_type"));
    assertEquals("", compose.getString("source"));
    assertEquals("foo-1-1 bar-1-1", compose.getString("builds"));
    assertEquals("wait", compose.getString("state_name"));
  }

  @Test
  void v53_devMayNotComposeLocalRepositories() {
    String repo = TestEnvironment.current().itDir().resolve("repos").resolve("hello").toString();
    assertError(
        dev.post(COMPOSES, "{\"source\": {\"type\": \"repo\", \"source\": \"" + repo + "\"}}"),
        403,
        "User dev not allowed to operate with compose with source_types=repo.");
  }

  private static String rawConfig(String source, String composeType) {
    return "{\"source\": {\"type\": \"raw_config\", \"source\": \""
        + source
        + "\"}, \"compose_type\": \""
        + composeType
        + "\"}";
  }

  @Test
  void v54_composeTypeOutsideTheUsersListIsRefused() {
    assertError(
        Api.as("dev2").post(COMPOSES, rawConfig("pungi_cfg#hash", "production")),
        403,
        "User dev2 not allowed to operate with compose with compose_types=production.");
  }

  @Test
  void v55_rawConfigKeyOutsideTheUsersListIsRefused() {
    assertError(
        Api.as("dev4").post(COMPOSES, rawConfig("pungi_cfg#hash", "production")),
        403,
        "User dev4 not allowed to operate with compose with raw_config_keys=pungi_cfg.");
  }

  @Test
  void v56_rawConfigKeyInTheUsersListIsAccepted() {
    JsonObject compose = submit(Api.as("dev4"), rawConfig("pungi_cfg2#hash", "production"));
    assertEquals("pungi_cfg2#hash", compose.getString("source"));
    assertEquals("production", compose.getString("compose_type"));
  }

  @Test
  void v57_unknownSourceTypeIsRefused() {
    assertError(
        dev.post(COMPOSES, "{\"source\": {\"type\": \"unknown\", \"source\": \"/path\"}}"),
        400,
        "Unknown source type \"unknown\"");
  }

  private static Reply module(OdcsApi api, String source) {
    return api.post(
        COMPOSES, "{\"source\": {\"type\": \"module\", \"source\": \"" + source + "\"}}");
  }

  @Test
  void v58_moduleWithoutStreamIsRefused() {
    assertError(
        module(Api.as("dev2"), "testmodule:master x"),
        400,
        "Module definition must be in \"n:s\", \"n:s:v\" or \"n:s:v:c\" format, but got x");
  }

  @Test
  void v59_baseModulesAreRefused() {
    assertError(
        module(Api.as("dev2"), "testmodule:master platform:x"),
        400,
        "ODCS currently cannot create compose with base modules, but platform was requested.");
    assertError(
        module(Api.as("dev2"), "bootstrap:y"),
        400,
        "ODCS currently cannot create compose with base modules, but bootstrap was requested.");
  }

  @Test
  void v60_moduleComposeOfAModuleOnlyUser() {
    JsonObject compose = ok(module(Api.as("dev2"), "testmodule:master"));
    assertEquals("wait", compose.getString("state_name"));
    assertEquals("dev2", compose.getString("owner"));
  }

  @Test
  void everyModuleFormIsAccepted() {
    JsonObject compose = ok(module(dev, "a:b c:d:1 e:f:2:c0ffee"));
    assertEquals(
        Set.of("a:b", "c:d:1", "e:f:2:c0ffee"), Set.of(compose.getString("source").split(" ")));
  }

  @Test
  void v61_sourceTypeOutsideTheUsersListIsRefused() {
    assertError(
        Api.as("dev2")
            .post(
                COMPOSES,
                "{\"source\": {\"type\": \"tag\", \"source\": \"/path\", \"packages\": [\"foo\"]}}"),
        403,
        "User dev2 not allowed to operate with compose with source_types=tag.");
  }

  @Test
  void v62_groupPermissionsApplyToAUserWithoutOwnEntry() {
    JsonObject compose = ok(module(Api.as("unknown", "dev2", "x"), "testmodule:master"));
    assertEquals("wait", compose.getString("state_name"));
  }

  @Test
  void v63_groupPermissionsRefuseWhatTheGroupDoesNotAllow() {
    assertError(
        Api.as("unknown", "dev2", "x")
            .post(COMPOSES, "{\"source\": {\"type\": \"tag\", \"source\": \"/path\"}}"),
        403,
        "User unknown not allowed to operate with compose with source_types=tag.");
  }

  private static String testmodule(String topLevel, String inSource) {
    return "{\"source\": {\"type\": \"module\", \"source\": \"testmodule:master\""
        + (inSource.isEmpty() ? "" : ", " + inSource)
        + "}"
        + (topLevel.isEmpty() ? "" : ", " + topLevel)
        + "}";
  }

  @Test
  void v64_scratchBuildTasksAreStored() {
    JsonObject compose =
        submit(dev, testmodule("", "\"scratch_build_tasks\": [\"123456\", \"123457\"]"));
    assertEquals("123456 123457", compose.getString("scratch_build_tasks"));
  }

  private static final String TWO_NSVCS =
      "[\"foo:bar:20200806:abcdefgh\", \"fooo:bar:20200810:abcdefgh\"]";
  private static final String TWO_NSVCS_JOINED =
      "foo:bar:20200806:abcdefgh fooo:bar:20200810:abcdefgh";

  @Test
  void v65_scratchModulesAreStored() {
    JsonObject compose = submit(dev, testmodule("", "\"scratch_modules\": " + TWO_NSVCS));
    assertEquals("testmodule:master", compose.getString("source"));
    assertEquals(TWO_NSVCS_JOINED, compose.getString("scratch_modules"));
  }

  @Test
  void v66_modulesAreStored() {
    JsonObject compose = submit(dev, testmodule("", "\"modules\": " + TWO_NSVCS));
    assertEquals("testmodule:master", compose.getString("source"));
    assertEquals(TWO_NSVCS_JOINED, compose.getString("modules"));
  }

  @Test
  void v67_scratchModulesAloneNeedNoSource() {
    JsonObject compose =
        submit(
            dev,
            "{\"source\": {\"type\": \"module\", \"source\": \"\", \"scratch_modules\": "
                + TWO_NSVCS
                + "}}");
    assertEquals("", compose.getString("source"));
    assertEquals(TWO_NSVCS_JOINED, compose.getString("scratch_modules"));
  }

  @Test
  void v68_parentPungiComposeIdsAreStored() {
    JsonObject compose =
        submit(
            dev, testmodule("\"parent_pungi_compose_ids\": [\"Fedora-1-1\", \"Fedora-2-2\"]", ""));
    assertEquals("Fedora-1-1 Fedora-2-2", compose.getString("parent_pungi_compose_ids"));
  }

  @Test
  void v69_respinOfIsStored() {
    JsonObject compose = submit(dev, testmodule("\"respin_of\": \"Fedora-1-1\"", ""));
    assertEquals("Fedora-1-1", compose.getString("respin_of"));
  }

  @Test
  void v85_userOutsideAllowedClientsIsRefused() {
    assertError(
        module(Api.as("qa"), "testmodule:master"), 403, "User qa is not in role allowed_clients.");
  }

  @Test
  void v86_groupWithAnEmptyEntryGetsTheServerDefaults() {
    JsonObject compose = ok(module(Api.as("another_user", "composer"), "testmodule:rawhide"));
    assertEquals("wait", compose.getString("state_name"));
    assertEquals("testmodule:rawhide", compose.getString("source"));
    assertEquals("another_user", compose.getString("owner"));
  }

  @Test
  void v87_anyOfTheUsersGroupsMayAllowTheRequest() {
    JsonObject compose = ok(module(Api.as("another_user", "dev3", "dev2"), "testmodule:rawhide"));
    assertEquals("wait", compose.getString("state_name"));
  }

  @Test
  void v88_identicalRefusalsOfSeveralGroupsAppearOnce() {
    assertError(
        Api.as("another_user", "dev3", "dev2")
            .post(
                COMPOSES, "{\"source\": {\"type\": \"tag\", \"source\": \"testmodule:rawhide\"}}"),
        403,
        "User another_user not allowed to operate with compose with source_types=tag.");
  }

  @Test
  void v90_userEntryOverridesTheUsersGroups() {
    assertError(
        module(Api.as("dev3", "dev2"), "testmodule:rawhide"),
        403,
        "User dev3 not allowed to operate with compose with source_types=module.");
  }

  @Test
  void v91_requestedLifetimeIsUsed() {
    for (int i = 0; i < 2; i++) {
      JsonObject compose = submit(dev, testmodule("\"seconds_to_live\": 43200", ""));
      assertEquals(Duration.ofHours(12), lifetime(compose));
    }
  }

  @Test
  void v92_lifetimeIsCappedAtTheMaximum() {
    JsonObject compose = submit(dev, testmodule("\"seconds_to_live\": 604800", ""));
    assertEquals(Duration.ofDays(3), lifetime(compose));
  }

  @Test
  void v93_defaultLifetimeIsADay() {
    JsonObject compose = submit(dev, testmodule("", ""));
    assertEquals(Duration.ofDays(1), lifetime(compose));
  }

  @Test
  void v94_anonymousComposeBelongsToUnknown() {
    JsonObject compose = submit(anonymous, MODULE);
    assertEquals(freshModuleCompose(compose, "unknown"), compose);
  }

  @Test
  void legacyLifetimeKeyIsAccepted() {
    assertEquals(
        Duration.ofSeconds(600), lifetime(submit(dev, testmodule("\"seconds-to-live\": 600", ""))));
    assertEquals(
        Duration.ofSeconds(700),
        lifetime(submit(dev, testmodule("\"seconds-to-live\": \"700\"", ""))));
  }

  @Test
  void newLifetimeKeyWinsOverTheLegacyOne() {
    JsonObject compose =
        submit(dev, testmodule("\"seconds-to-live\": 600, \"seconds_to_live\": 900", ""));
    assertEquals(Duration.ofSeconds(900), lifetime(compose));
  }

  @Test
  void legacyLifetimeThatIsNotANumberIsRefused() {
    assertErrorStartsWith(
        dev.post(COMPOSES, testmodule("\"seconds-to-live\": \"600s\"", "")),
        400,
        "Invalid seconds_to_live specified in request");
  }

  @Test
  void negativeLifetimeIsRefused() {
    assertError(
        dev.post(COMPOSES, testmodule("\"seconds_to_live\": -5", "")),
        400,
        "\"seconds_to_live\" must be a positive integer");
  }

  @Test
  void sourceThatIsNotAnObjectIsRefused() {
    assertErrorStartsWith(
        dev.post(COMPOSES, "{\"source\": \"f26\"}"), 400, "Invalid source configuration provided");
    assertErrorStartsWith(
        dev.post(COMPOSES, "{\"seconds_to_live\": 60}"),
        400,
        "Invalid source configuration provided");
  }

  @Test
  void sourceWithoutTypeIsRefused() {
    assertErrorStartsWith(
        dev.post(COMPOSES, "{\"source\": {\"source\": \"f26\"}}"),
        400,
        "Missing type in source configuration");
  }

  @Test
  void emptySourceIsRefusedWithTheNumericType() {
    assertError(
        dev.post(COMPOSES, "{\"source\": {\"type\": \"tag\", \"source\": \"\"}}"),
        400,
        "No source provided for 1");
    assertError(
        dev.post(COMPOSES, "{\"source\": {\"type\": \"tag\"}}"), 400, "No source provided for 1");
    assertError(
        dev.post(COMPOSES, "{\"source\": {\"type\": \"module\", \"source\": \"\"}}"),
        400,
        "No source provided for 2");
  }

  @Test
  void unknownFlagIsRefused() {
    assertError(
        dev.post(COMPOSES, f26("\"flags\": [\"no_deps\", \"foo\"]", "")),
        400,
        "Unknown flag \"foo\"");
  }

  @Test
  void unknownResultIsRefused() {
    assertError(
        dev.post(COMPOSES, f26("\"results\": [\"foo\"]", "")), 400, "Unknown result \"foo\"");
  }

  @Test
  void flagsAreRenderedInTableOrderWithoutNoFlags() {
    JsonObject compose =
        submit(
            dev,
            f26(
                "\"flags\": [\"no_reuse\", \"check_deps\", \"no_flags\", \"no_deps\","
                    + " \"include_done_modules\"]",
                ""));
    assertEquals(
        strings("no_deps", "check_deps", "include_done_modules", "no_reuse"),
        compose.getJsonArray("flags"));
    assertEquals(
        strings(), submit(dev, f26("\"flags\": [\"no_flags\"]", "")).getJsonArray("flags"));
  }

  @Test
  void resultsAreRenderedInTableOrder() {
    JsonObject compose =
        submit(dev, f26("\"results\": [\"boot.iso\", \"iso\", \"repository\"]", ""));
    assertEquals(strings("repository", "iso", "boot.iso"), compose.getJsonArray("results"));
  }

  @Test
  void ostreeResultIsRefusedAsNotSupported() {
    assertError(
        dev.post(COMPOSES, f26("\"results\": [\"iso\", \"ostree\"]", "")),
        400,
        "The \"ostree\" result is not supported by this server: it makes no OSTree repositories"
            + " (there is no odcs.ostree-command)");
  }

  @Test
  void bootIsoIsRefusedByAServerWithoutLorax() throws Exception {
    OdcsApi withoutLorax = new OdcsApi(OdcsServer.alt().baseUrl()).as("dev");
    assertError(
        withoutLorax.post(COMPOSES, f26("\"results\": [\"boot.iso\"]", "")),
        400,
        "The \"boot.iso\" result is not available on this server: it needs lorax, and no lorax"
            + " command is configured (odcs.lorax-command)");
  }

  @Test
  void emptySigkeyMeansUnsignedPackagesAreAllowed() {
    JsonObject compose = submit(dev, f26("", "\"sigkeys\": [\"123\", \"\"]"));
    assertEquals("123 ", compose.getString("sigkeys"));
  }

  @Test
  void emptyArchesMeanTheServerDefault() {
    JsonObject compose = submit(anonymous, f26("\"arches\": []", ""));
    assertEquals("x86_64", compose.getString("arches"));
  }

  @Test
  void remainingOptionalFieldsAreStoredAndRendered() {
    JsonObject compose =
        submit(
            dev,
            testmodule(
                "\"label\": \"Beta-1.2\", \"compose_type\": \"nightly\", \"lookaside_repos\":"
                    + " [\"http://example.com/repo/$basearch/os\", \"http://example.com/b\"]",
                "\"base_module_br_name\": \"platform\", \"base_module_br_stream\": \"f33\","
                    + " \"base_module_br_stream_version_lte\": 330100,"
                    + " \"base_module_br_stream_version_gte\": 330000"));
    assertEquals("Beta-1.2", compose.getString("label"));
    assertEquals("nightly", compose.getString("compose_type"));
    assertEquals(
        "http://example.com/repo/$basearch/os http://example.com/b",
        compose.getString("lookaside_repos"));
    assertEquals("platform", compose.getString("base_module_br_name"));
    assertEquals("f33", compose.getString("base_module_br_stream"));
    assertEquals(330100, compose.getInt("base_module_br_stream_version_lte"));
    assertEquals(330000, compose.getInt("base_module_br_stream_version_gte"));
  }

  // The allowed_clients policy: allow and deny for each attribute the fixture restricts.

  @Test
  void archOutsideTheUsersListIsRefused() {
    assertError(
        dev.post(COMPOSES, f26("\"arches\": [\"x86_64\", \"aarch64\"]", "")),
        403,
        "User dev not allowed to operate with compose with arches=aarch64.");
  }

  @Test
  void groupMembersGetTheServerArches() {
    OdcsApi composer = Api.as("another_user", "composer");
    assertEquals(
        "x86_64", submit(composer, f26("\"arches\": [\"x86_64\"]", "")).getString("arches"));
    assertError(
        composer.post(COMPOSES, f26("\"arches\": [\"ppc64\"]", "")),
        403,
        "User another_user not allowed to operate with compose with arches=ppc64.");
  }

  @Test
  void composeTypeInTheUsersListIsAccepted() {
    JsonObject compose = submit(Api.as("dev2"), testmodule("\"compose_type\": \"nightly\"", ""));
    assertEquals("nightly", compose.getString("compose_type"));
  }

  @Test
  void sourceTypeInTheUsersListIsAccepted() {
    JsonObject compose = submit(Api.as("dev3"), f26("", ""));
    assertEquals(1, compose.getInt("source_type"));
    assertEquals("dev3", compose.getString("owner"));
  }

  @Test
  void everyRefusedAttributeIsNamed() {
    Reply reply =
        dev.post(
            COMPOSES,
            "{\"source\": {\"type\": \"raw_config\", \"source\": \"pungi_cfg#hash\"}, \"arches\":"
                + " [\"aarch64\"]}");
    String sourceTypes =
        "User dev not allowed to operate with compose with source_types=raw_config.";
    String arches = "User dev not allowed to operate with compose with arches=aarch64.";
    String message = Api.assertErrorEnvelope(reply, 403).getString("message");
    assertTrue(
        message.equals(sourceTypes + " " + arches) || message.equals(arches + " " + sourceTypes),
        message);
  }

  @Test
  void anonymousRequestsAreLimitedToTheServersSourceTypes() {
    assertErrorContains(
        anonymous.post(COMPOSES, "{\"source\": {\"type\": \"pulp\", \"source\": \"cs-1\"}}"),
        403,
        "source_types=pulp");
  }

  @Test
  void anonymousRequestsSkipThePerUserPolicy() {
    JsonObject compose =
        submit(anonymous, f26("\"arches\": [\"aarch64\"], \"target_dir\": \"releng-private\"", ""));
    assertEquals("aarch64", compose.getString("arches"));
    assertEquals("releng-private", compose.getString("target_dir"));
  }
}
