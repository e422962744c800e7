package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.odcsj.it.api.Api.COMPOSES;
import static org.odcsj.it.api.Api.assertError;
import static org.odcsj.it.api.Api.assertErrorContains;
import static org.odcsj.it.api.Api.assertErrorEnvelope;
import static org.odcsj.it.api.Api.assertErrorStartsWith;
import static org.odcsj.it.api.Api.ok;

import jakarta.json.JsonObject;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsApi.Reply;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Spec §10.1 (the generic input validator, through POST as user {@code dev}) and §2.6.2, plus
 * malformed and empty bodies: every message a client can get for a badly typed request.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ApiValidationIT {

  private static final String CHARACTERS_MESSAGE =
      "Only alphanumerical characters and [' ', '-', '/', '_', '.', ':', '#', '+', '?', '$', '~']"
          + " characters are allowed in ODCS input variables";
  private static final String ONLY_SOURCE_DICT = "Only 'source' key is allowed to contain dict.";

  private static OdcsApi dev;

  @BeforeAll
  static void actAsDev() {
    dev = Api.as("dev");
  }

  private static Reply post(String body) {
    return dev.post(COMPOSES, body);
  }

  /** A valid tag compose request with extra top-level members and extra members of source. */
  private static String tagCompose(String topLevel, String inSource) {
    return "{\"source\": {\"type\": \"tag\", \"source\": \"f26\""
        + (inSource.isEmpty() ? "" : ", " + inSource)
        + "}"
        + (topLevel.isEmpty() ? "" : ", " + topLevel)
        + "}";
  }

  @Test
  void v01_emptySourceStringPassesTheValidatorAndThenNeedsAType() {
    assertErrorStartsWith(
        post("{\"source\": {\"source\": \"\"}}"), 400, "Missing type in source configuration");
  }

  @Test
  void v02_objectInsideSourceIsRefused() {
    assertError(post("{\"source\": {\"source\": {\"k\": \"v\"}}}"), 400, ONLY_SOURCE_DICT);
  }

  @Test
  void v03_objectUnderAnotherTopLevelKeyIsRefused() {
    assertError(post("{\"source2\": {\"source\": {\"k\": \"v\"}}}"), 400, ONLY_SOURCE_DICT);
  }

  @Test
  void v04_sourceListPassesTheValidatorAndThenIsNotASourceConfiguration() {
    assertErrorStartsWith(
        post("{\"source\": [\"1\", \"2\"]}"), 400, "Invalid source configuration provided");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\\n", "{", "}", "'", "\\\""})
  void v05_forbiddenCharacterInAListElementIsRefused(String character) {
    assertError(post("{\"source\": [\"" + character + "1\", \"2\"]}"), 400, CHARACTERS_MESSAGE);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\\n", "{", "}", "'", "\\\""})
  void v06_forbiddenCharacterInASourceValueIsRefused(String character) {
    assertError(post("{\"source\": {\"x\": \"" + character + "1\"}}"), 400, CHARACTERS_MESSAGE);
  }

  @Test
  void v07_integerValuesPass() {
    JsonObject compose = ok(post(tagCompose("\"y\": 2", "\"x\": 1")));
    assertEquals("f26", compose.getString("source"));
  }

  @Test
  void v08_floatValuesPass() {
    JsonObject compose = ok(post(tagCompose("\"y\": 2.5", "\"x\": 1.5")));
    assertEquals("f26", compose.getString("source"));
  }

  @Test
  void v09_nullValueIsRefusedNamingTheKey() {
    assertError(
        post("{\"source\": {\"x\": null}}"),
        400,
        "Only dict, list, str, int, float and bool types are allowed in ODCS input variables,"
            + " but 'x' is null");
  }

  @Test
  void v10_packageNamesAreExemptFromTheCharacterRule() {
    JsonObject compose =
        ok(post(tagCompose("", "\"packages\": [\"gcc-g++\", \"perl(Data::Dumper)\"]")));
    assertEquals("gcc-g++ perl(Data::Dumper)", compose.getString("packages"));
  }

  @Test
  void v11_buildsMustBeAList() {
    assertError(
        post("{\"source\": {\"builds\": \"kernel-4.0-1.el8\"}}"), 400, "builds should be a list");
  }

  @Test
  void v12_composeTypeMustBeAString() {
    assertError(
        post("{\"source\": {\"compose_type\": 123}}"), 400, "compose_type should be a string");
  }

  @Test
  void v13_kojiEventMustBeAnInteger() {
    assertError(
        post("{\"source\": {\"koji_event\": \"abc\"}}"), 400, "koji_event should be an integer");
  }

  @Test
  void v22_malformedJsonIsABadRequest() {
    assertErrorContains(post("{"), 400, "Failed to decode JSON object");
  }

  @Test
  void emptyBodyIsAJsonDecodeError() {
    assertErrorContains(post(""), 400, "Failed to decode JSON object");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"{}", "[]", "null", "0", "\"\""})
  void emptyJsonIsRefused(String body) {
    assertError(post(body), 400, "No JSON POST data submitted");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"[1]", "\"x\"", "true"})
  void nonObjectBodyIsABadRequest(String body) {
    assertErrorEnvelope(post(body), 400);
  }

  /** The list fields of a request, each where a request carries it. */
  static Stream<Arguments> listFields() {
    return Stream.of(
        Arguments.of("builds", true),
        Arguments.of("packages", true),
        Arguments.of("sigkeys", true),
        Arguments.of("modules", true),
        Arguments.of("scratch_modules", true),
        Arguments.of("scratch_build_tasks", true),
        Arguments.of("modular_koji_tags", true),
        Arguments.of("multilib_method", false),
        Arguments.of("flags", false),
        Arguments.of("results", false),
        Arguments.of("arches", false),
        Arguments.of("multilib_arches", false),
        Arguments.of("lookaside_repos", false),
        Arguments.of("parent_pungi_compose_ids", false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listFields")
  void listFieldGivenAsAStringIsRefused(String key, boolean inSource) {
    String member = "\"" + key + "\": \"x86_64\"";
    Reply reply = post(inSource ? tagCompose("", member) : tagCompose(member, ""));
    assertError(reply, 400, key + " should be a list");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listFields")
  void listFieldWithANonStringElementIsRefused(String key, boolean inSource) {
    String member = "\"" + key + "\": [1]";
    Reply reply = post(inSource ? tagCompose("", member) : tagCompose(member, ""));
    assertError(reply, 400, "\"" + key + "\" must be a list of strings");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("listFields")
  void listFieldWithANestedListIsRefused(String key, boolean inSource) {
    String member = "\"" + key + "\": [[\"x86_64\"]]";
    Reply reply = post(inSource ? tagCompose("", member) : tagCompose(member, ""));
    assertError(reply, 400, "\"" + key + "\" must be a list of strings");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "base_module_br_name",
        "base_module_br_stream",
        "compose_type",
        "label",
        "target_dir",
        "type"
      })
  void stringFieldGivenAsANumberIsRefused(String key) {
    assertError(post(tagCompose("\"" + key + "\": 1", "")), 400, key + " should be a string");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "koji_event",
        "base_module_br_stream_version_lte",
        "base_module_br_stream_version_gte"
      })
  void integerFieldGivenAsAStringOrAFloatIsRefused(String key) {
    assertError(post(tagCompose("", "\"" + key + "\": \"1\"")), 400, key + " should be an integer");
    assertError(post(tagCompose("", "\"" + key + "\": 1.5")), 400, key + " should be an integer");
  }

  @Test
  void secondsToLiveMustBeAnInteger() {
    assertError(
        post(tagCompose("\"seconds_to_live\": \"600\"", "")),
        400,
        "seconds_to_live should be an integer");
    assertError(
        post(tagCompose("\"seconds_to_live\": 1.5", "")),
        400,
        "seconds_to_live should be an integer");
  }

  @Test
  void c01_secondsToLiveTakesPositiveIntegersOnly() {
    // The client checks its argument itself (C-01); the server refuses the same values, except
    // that 0 (like an absent value) means the default lifetime there, as in ODCS.
    for (String bad : new String[] {"\"a\"", "\"1\"", "\"\"", "-1"}) {
      assertErrorContains(
          post(tagCompose("\"seconds_to_live\": " + bad, "")), 400, "seconds_to_live");
    }
    for (String good : new String[] {"1", "100"}) {
      var reply = post(tagCompose("\"seconds_to_live\": " + good, ""));
      assertEquals(200, reply.status(), reply::body);
    }
  }

  @Test
  void secondsToLiveMustNotBeABoolean() {
    assertErrorContains(post(tagCompose("\"seconds_to_live\": true", "")), 400, "seconds_to_live");
  }

  @Test
  void rulesApplyToKeysTheEndpointDoesNotReadAndInsideNestedLists() {
    assertError(
        post(tagCompose("\"koji_event\": \"x\"", "")), 400, "koji_event should be an integer");
    assertError(
        post(tagCompose("", "\"deep\": [\"a\", [\"b\", {\"c\": 1}]]")), 400, ONLY_SOURCE_DICT);
  }

  @Test
  void typeRulesComeBeforeTheNullRule() {
    assertError(post(tagCompose("\"label\": null", "")), 400, "label should be a string");
    assertError(
        post(tagCompose("", "\"koji_event\": null")), 400, "koji_event should be an integer");
  }

  @Test
  void nullListElementIsRefusedNamingItsIndex() {
    assertError(
        post(tagCompose("", "\"x\": [\"a\", null]")),
        400,
        "Only dict, list, str, int, float and bool types are allowed in ODCS input variables,"
            + " but '1' is null");
  }

  @Test
  void objectsAreRefusedAnywhereButTheTopLevelSource() {
    assertError(post(tagCompose("\"extra\": {\"a\": 1}", "")), 400, ONLY_SOURCE_DICT);
    assertError(post(tagCompose("\"extra\": [{\"a\": 1}]", "")), 400, ONLY_SOURCE_DICT);
  }

  @Test
  void firstErrorInDocumentOrderWins() {
    assertError(
        post(
            "{\"label\": 1, \"compose_type\": 2, \"source\": {\"type\": \"tag\", \"source\":"
                + " \"f26\"}}"),
        400,
        "label should be a string");
    assertError(
        post(
            "{\"compose_type\": 2, \"label\": 1, \"source\": {\"type\": \"tag\", \"source\":"
                + " \"f26\"}}"),
        400,
        "compose_type should be a string");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"@", "=", ",", "*", "%", "&", ";", "\\\\", "!", "\\t", "[", "("})
  void forbiddenCharacterInALabelIsRefused(String character) {
    assertError(
        post(tagCompose("\"label\": \"Beta" + character + "1\"", "")), 400, CHARACTERS_MESSAGE);
  }

  @Test
  void allowedPunctuationAndLettersOfAnyScriptPass() {
    String label = "a b-c/d_e.f:g#h+i?j$k~l Škoda ٣";
    JsonObject compose = ok(post(tagCompose("\"label\": \"" + label + "\"", "")));
    assertEquals(label, compose.getString("label"));
  }
}
