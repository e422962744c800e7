package org.odcsj.client;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.Collection;
import java.util.Map;

/** One JSON-P provider for the client (looked up once: the lookup is costly). */
final class JsonSupport {

  static final JsonProvider JSON = JsonProvider.provider();

  private JsonSupport() {}

  static JsonValue parse(String text) {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.readValue();
    }
  }

  static JsonArray array(Collection<String> values) {
    var array = JSON.createArrayBuilder();
    values.forEach(array::add);
    return array.build();
  }

  /** Indented JSON with sorted keys (as the Python CLI prints), for humans and diffs. */
  static String pretty(JsonValue value) {
    StringWriter out = new StringWriter();
    try (var writer =
        JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(out)) {
      writer.write(sorted(value));
    }
    return out.toString().strip();
  }

  private static JsonValue sorted(JsonValue value) {
    if (value instanceof JsonObject o) {
      var builder = JSON.createObjectBuilder();
      new java.util.TreeMap<>(o).forEach((k, v) -> builder.add(k, sorted(v)));
      return builder.build();
    }
    if (value instanceof JsonArray a) {
      var builder = JSON.createArrayBuilder();
      a.forEach(v -> builder.add(sorted(v)));
      return builder.build();
    }
    return value;
  }
}
