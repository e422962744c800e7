package org.odcsj.config;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.StringReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code raw_config_urls}: the named Pungi configurations a {@code raw_config} compose may use,
 * given as the JSON object ODCS takes (name → {url, config_filename, ...}), validated with ODCS's
 * start-up messages.
 */
public final class RawConfigUrls {

  // Json.createReader would look the JSON-P provider up through the class loader on every call.
  private static final JsonProvider JSON = JsonProvider.provider();

  private RawConfigUrls() {}

  public static Map<String, JsonObject> parse(String json) {
    JsonValue root;
    try (var reader = JSON.createReader(new StringReader(json))) {
      root = reader.readValue();
    } catch (JsonException e) {
      throw new IllegalArgumentException("raw_config_urls is not valid JSON: " + e.getMessage(), e);
    }
    if (!(root instanceof JsonObject object)) {
      throw new IllegalArgumentException("raw_config_urls must be a dict.");
    }
    Map<String, JsonObject> urls = new LinkedHashMap<>();
    for (var entry : object.entrySet()) {
      if (!(entry.getValue() instanceof JsonObject value)) {
        throw new IllegalArgumentException(
            "raw_config_urls['" + entry.getKey() + "'] is not a dict.");
      }
      for (String required : new String[] {"url", "config_filename"}) {
        if (!value.containsKey(required)) {
          throw new IllegalArgumentException(
              "raw_config_urls['" + entry.getKey() + "']['" + required + "'] is not defined.");
        }
      }
      urls.put(entry.getKey(), value);
    }
    return urls;
  }

  /**
   * {@code raw_config_pungi_koji_args}: name → the Pungi arguments of that raw config, given as a
   * JSON object of string lists.
   */
  public static Map<String, java.util.List<String>> argsByName(String json) {
    JsonValue root;
    try (var reader = JSON.createReader(new StringReader(json))) {
      root = reader.readValue();
    } catch (JsonException e) {
      throw new IllegalArgumentException(
          "raw_config_pungi_koji_args is not valid JSON: " + e.getMessage(), e);
    }
    if (!(root instanceof JsonObject object)) {
      throw new IllegalArgumentException("raw_config_pungi_koji_args must be a dict.");
    }
    Map<String, java.util.List<String>> args = new LinkedHashMap<>();
    for (var entry : object.entrySet()) {
      if (!(entry.getValue() instanceof jakarta.json.JsonArray array)
          || !array.stream().allMatch(v -> v instanceof jakarta.json.JsonString)) {
        throw new IllegalArgumentException(
            "raw_config_pungi_koji_args['" + entry.getKey() + "'] is not a list of strings.");
      }
      args.put(
          entry.getKey(),
          array.stream().map(v -> ((jakarta.json.JsonString) v).getString()).toList());
    }
    return args;
  }
}
