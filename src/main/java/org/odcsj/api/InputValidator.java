package org.odcsj.api;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.Map;
import java.util.Set;

/**
 * ODCS's generic validation of a request body (spec §2.6.2): type rules by key name at any depth,
 * only {@code source} may hold an object, and a restricted character set in strings.
 */
final class InputValidator {

  private static final Set<String> LIST_KEYS =
      Set.of(
          "builds",
          "multilib_method",
          "packages",
          "scratch_build_tasks",
          "scratch_modules",
          "sigkeys",
          "modules",
          // Documented as lists; the reference iterated strings character by character.
          "flags",
          "results",
          "arches",
          "multilib_arches",
          "lookaside_repos",
          "parent_pungi_compose_ids",
          "modular_koji_tags");
  private static final Set<String> STRING_KEYS =
      Set.of(
          "base_module_br_name",
          "base_module_br_stream",
          "compose_type",
          "label",
          "target_dir",
          "type");
  private static final Set<String> INTEGER_KEYS =
      Set.of(
          "seconds_to_live",
          "koji_event",
          "base_module_br_stream_version_lte",
          "base_module_br_stream_version_gte");
  private static final String ALLOWED_PUNCTUATION = " -/_.:#+?$~";

  /** Fields stored in bounded columns: a longer value is the client's error, not a 500. */
  private static final Map<String, Integer> MAX_LENGTHS =
      Map.of(
          "label", 255,
          "compose_type", 64,
          "respin_of", 255,
          "base_module_br_name", 255,
          "base_module_br_stream", 255);

  private InputValidator() {}

  static void validate(JsonObject body) {
    validateObject(body, 0);
  }

  private static void validateObject(JsonObject object, int level) {
    for (var entry : object.entrySet()) {
      validateEntry(entry.getKey(), entry.getValue(), level, null);
    }
  }

  private static void validateEntry(String key, JsonValue value, int level, String parentKey) {
    if (LIST_KEYS.contains(key) && value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw ApiException.badRequest(key + " should be a list");
    }
    if (STRING_KEYS.contains(key) && value.getValueType() != JsonValue.ValueType.STRING) {
      throw ApiException.badRequest(key + " should be a string");
    }
    if (INTEGER_KEYS.contains(key) && !isInteger(value)) {
      throw ApiException.badRequest(key + " should be an integer");
    }
    switch (value.getValueType()) {
      case OBJECT -> {
        if (level != 0 || !"source".equals(key)) {
          throw ApiException.badRequest("Only 'source' key is allowed to contain dict.");
        }
        validateObject(value.asJsonObject(), level + 1);
      }
      case ARRAY -> {
        JsonArray array = value.asJsonArray();
        for (int i = 0; i < array.size(); i++) {
          validateEntry(Integer.toString(i), array.get(i), level + 1, key);
        }
      }
      case STRING -> {
        String text = ((JsonString) value).getString();
        if (!"packages".equals(parentKey)) {
          checkCharacters(text);
        } else if (!isPrintable(text)) {
          // package patterns may hold any glob character, but nothing a database cannot store
          throw ApiException.badRequest("\"packages\" must not contain control characters");
        }
        Integer max = MAX_LENGTHS.get(key);
        if (max != null && text.length() > max) {
          throw ApiException.badRequest(key + " must be at most " + max + " characters long");
        }
      }
      case NUMBER, TRUE, FALSE -> {}
      default ->
          throw ApiException.badRequest(
              "Only dict, list, str, int, float and bool types are allowed in ODCS input"
                  + " variables, but '"
                  + key
                  + "' is null");
    }
  }

  static boolean isInteger(JsonValue value) {
    return switch (value.getValueType()) {
      case NUMBER -> ((JsonNumber) value).isIntegral();
      case TRUE, FALSE -> true;
      default -> false;
    };
  }

  private static boolean isPrintable(String s) {
    return s.codePoints()
        .noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE);
  }

  private static void checkCharacters(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!Character.isLetterOrDigit(cp) && ALLOWED_PUNCTUATION.indexOf(cp) < 0) {
        throw ApiException.badRequest(
            "Only alphanumerical characters and [' ', '-', '/', '_', '.', ':', '#', '+', '?',"
                + " '$', '~'] characters are allowed in ODCS input variables");
      }
      i += Character.charCount(cp);
    }
  }
}
