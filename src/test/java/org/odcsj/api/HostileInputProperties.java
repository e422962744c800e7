package org.odcsj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * jqwik properties of the request checks, run by jqwik's engine on the JUnit platform next to the
 * Jupiter tests: the UTF-8 check agrees with a strict decoder, and the body validator refuses with
 * an {@link ApiException} (a 400), never anything else, whatever the JSON holds.
 */
class HostileInputProperties {

  @Property(tries = 1000)
  void theUtf8CheckAgreesWithAStrictDecoder(@ForAll byte[] body) {
    boolean valid;
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body));
      valid = true;
    } catch (CharacterCodingException e) {
      valid = false;
    }
    assertEquals(valid, RequestBodyLimit.firstInvalidUtf8(body) < 0);
  }

  @Property(tries = 1000)
  void anyStringIsEitherAcceptedOrRefusedWith400(
      @ForAll @StringLength(max = 300) String value, @ForAll("keys") String key) {
    JsonObject body =
        Json.createObjectBuilder()
            .add("source", Json.createObjectBuilder().add("type", "tag").add("source", "f26"))
            .add(key, Json.createArrayBuilder().add(value))
            .build();
    try {
      InputValidator.validate(body);
      assertTrue(
          value.codePoints().noneMatch(Character::isISOControl),
          "a control character passed in " + key);
    } catch (ApiException e) {
      assertEquals(400, e.status().getStatusCode());
    }
  }

  @Property(tries = 200)
  void nestingOfAnyDepthIsA400NeverAnError(@ForAll @IntRange(min = 1, max = 20_000) int depth) {
    String json = "{\"source\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    try {
      ComposesResource.parseJson(json);
    } catch (ApiException e) {
      assertEquals(400, e.status().getStatusCode());
      assertTrue(e.getMessage().startsWith("Failed to decode JSON object"), e.getMessage());
    }
  }

  @Property(tries = 500)
  void controlCharactersInQueryValuesAreFound(@ForAll String value) {
    boolean control =
        value
            .codePoints()
            .anyMatch(
                c ->
                    Character.isISOControl(c)
                        || c == 0xFFFD
                        || Character.getType(c) == Character.SURROGATE);
    assertEquals(control, QueryStringCheck.hasControl(value));
  }

  @net.jqwik.api.Provide
  net.jqwik.api.Arbitrary<String> keys() {
    return net.jqwik.api.Arbitraries.of("packages", "sigkeys", "builds", "arches", "flags");
  }

  @net.jqwik.api.Example
  void aNulInAPackageIsRefused() {
    JsonObject body =
        Json.createReader(new StringReader("{\"source\":{\"packages\":[\"a\\u0000b\"]}}"))
            .readObject();
    ApiException e = assertThrows(ApiException.class, () -> InputValidator.validate(body));
    assertTrue(e.getMessage().contains("packages"), e.getMessage());
  }
}
