package org.odcsj.cli;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGenerator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.odcsj.client.Compose;

/** What a command prints on stdout: JSON for scripts (--json), or tables for humans. */
final class Output {

  static final JsonProvider JSON = JsonProvider.provider();

  private final PrintWriter out;
  private final boolean json;

  Output(PrintWriter out, boolean json) {
    this.out = out;
    this.json = json;
  }

  void compose(Compose c) {
    if (json) {
      print(c.json());
      return;
    }
    row("id", String.valueOf(c.id()));
    row("state", c.state().wireName());
    row("state_reason", c.stateReason());
    row("owner", c.owner());
    row("source", c.sourceType().wireName() + " " + c.source());
    row("arches", String.join(" ", c.arches()));
    row("flags", String.join(" ", c.flags()));
    row("time_submitted", time(c.timeSubmitted()));
    row("time_done", time(c.timeDone()));
    row("time_to_expire", time(c.timeToExpire()));
    row("result_repofile", c.resultRepofile() == null ? null : c.resultRepofile().toString());
    out.flush();
  }

  void table(List<Compose> composes) {
    if (json) {
      var array = JSON.createArrayBuilder();
      composes.forEach(c -> array.add(c.json()));
      print(array.build());
      return;
    }
    String format = "%-8s %-10s %-13s %-16s %-20s %s%n";
    out.printf(format, "ID", "STATE", "SOURCE_TYPE", "OWNER", "TIME_SUBMITTED", "SOURCE");
    for (Compose c : composes) {
      out.printf(
          format,
          c.id(),
          c.state().wireName(),
          c.sourceType().wireName(),
          c.owner(),
          time(c.timeSubmitted()),
          abbreviate(c.source(), 60));
    }
    out.flush();
  }

  void print(JsonValue value) {
    out.println(pretty(value));
    out.flush();
  }

  /** Indented JSON with sorted keys, as the Python CLI prints. */
  static String pretty(JsonValue value) {
    StringWriter text = new StringWriter();
    try (var writer =
        JSON.createWriterFactory(Map.of(JsonGenerator.PRETTY_PRINTING, true)).createWriter(text)) {
      writer.write(sorted(value));
    }
    return text.toString().strip();
  }

  private static JsonValue sorted(JsonValue value) {
    if (value instanceof JsonObject o) {
      var builder = JSON.createObjectBuilder();
      new TreeMap<>(o).forEach((k, v) -> builder.add(k, sorted(v)));
      return builder.build();
    }
    if (value instanceof JsonArray a) {
      var builder = JSON.createArrayBuilder();
      a.forEach(v -> builder.add(sorted(v)));
      return builder.build();
    }
    return value;
  }

  private void row(String key, String value) {
    if (value != null && !value.isEmpty()) {
      out.printf("%-16s %s%n", key, value);
    }
  }

  static String time(Instant t) {
    return t == null ? "" : t.toString();
  }

  static String abbreviate(String s, int max) {
    if (s == null) {
      return "";
    }
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
