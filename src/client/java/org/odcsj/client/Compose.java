package org.odcsj.client;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * A compose as the API shows it. The commonly used fields are typed; {@link #json()} holds every
 * field the server sent (for the rest, e.g. {@code packages} or {@code base_module_br_name}).
 *
 * @param progress the generation progress while {@code generating}, else null
 */
public record Compose(
    long id,
    String owner,
    SourceType sourceType,
    String source,
    ComposeState state,
    String stateReason,
    Instant timeSubmitted,
    Instant timeStarted,
    Instant timeDone,
    Instant timeRemoved,
    Instant timeToExpire,
    URI resultRepo,
    URI resultRepofile,
    URI toplevelUrl,
    List<String> flags,
    List<String> results,
    List<String> arches,
    String sigkeys,
    Long kojiEvent,
    String label,
    String composeType,
    String pungiComposeId,
    String targetDir,
    Progress progress,
    JsonObject json) {

  /** How far a generating compose is: the phase it is in and an overall percentage. */
  public record Progress(String phase, int percent) {}

  /** The compose of one API answer (compose JSON). */
  public static Compose of(JsonObject o) {
    return new Compose(
        o.getJsonNumber("id").longValue(),
        string(o, "owner"),
        SourceType.ofNumber(o.getInt("source_type")),
        string(o, "source"),
        ComposeState.ofNumber(o.getInt("state")),
        string(o, "state_reason"),
        time(o, "time_submitted"),
        time(o, "time_started"),
        time(o, "time_done"),
        time(o, "time_removed"),
        time(o, "time_to_expire"),
        uri(o, "result_repo"),
        uri(o, "result_repofile"),
        uri(o, "toplevel_url"),
        strings(o, "flags"),
        strings(o, "results"),
        words(string(o, "arches")),
        string(o, "sigkeys"),
        number(o, "koji_event"),
        string(o, "label"),
        string(o, "compose_type"),
        string(o, "pungi_compose_id"),
        string(o, "target_dir"),
        progress(o),
        o);
  }

  /** The URL of the generation log the server serves ({@code pungi-stderr.log}), or null. */
  public URI logUrl() {
    return toplevelUrl == null ? null : URI.create(toplevelUrl + "/pungi-stderr.log");
  }

  static String string(JsonObject o, String key) {
    JsonValue v = o.get(key);
    if (v instanceof JsonString s) {
      return s.getString();
    }
    return v == null || v.getValueType() == JsonValue.ValueType.NULL ? null : v.toString();
  }

  private static Long number(JsonObject o, String key) {
    return o.get(key) instanceof JsonNumber n ? n.longValue() : null;
  }

  private static Instant time(JsonObject o, String key) {
    String s = string(o, key);
    return s == null || s.isEmpty() ? null : Instant.parse(s);
  }

  private static URI uri(JsonObject o, String key) {
    String s = string(o, key);
    return s == null || s.isEmpty() ? null : URI.create(s);
  }

  private static List<String> strings(JsonObject o, String key) {
    if (o.get(key) instanceof jakarta.json.JsonArray a) {
      return a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
    }
    return List.of();
  }

  private static List<String> words(String s) {
    return s == null || s.isBlank() ? List.of() : Arrays.asList(s.trim().split("\\s+"));
  }

  private static Progress progress(JsonObject o) {
    if (o.get("progress") instanceof JsonObject p) {
      return new Progress(string(p, "phase"), p.getInt("percent", 0));
    }
    return null;
  }
}
