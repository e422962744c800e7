package org.odcsj.source.rawconfig;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.util.Optional;

/**
 * One entry of {@code raw_config_urls}: where the configuration lives and how it is run.
 *
 * @param url the git repository
 * @param configFilename the Pungi configuration file in it
 * @param commit a commit pinned by the server (the request's one is then ignored), or empty
 * @param path the sub-directory holding the configuration, or empty for the top
 * @param schemaOverride a schema override for the validator, or empty
 * @param pungiTimeoutSeconds seconds Pungi may take, or empty for the server default
 * @param wrapper the wrapper template of this entry, or empty for the server default
 */
public record RawConfigEntry(
    String url,
    String configFilename,
    Optional<String> commit,
    Optional<String> path,
    Optional<String> schemaOverride,
    Optional<Long> pungiTimeoutSeconds,
    Optional<String> wrapper) {

  /** The entry as {@code config.RawConfigUrls} parsed it (url and config_filename present). */
  public static RawConfigEntry of(JsonObject entry) {
    return new RawConfigEntry(
        text(entry, "url").orElse(""),
        text(entry, "config_filename").orElse(""),
        text(entry, "commit"),
        text(entry, "path"),
        text(entry, "schema_override"),
        entry.get("pungi_timeout") instanceof JsonNumber n
            ? Optional.of(n.longValue())
            : text(entry, "pungi_timeout").filter(s -> s.matches("\\d{1,9}")).map(Long::valueOf),
        text(entry, "raw_config_wrapper"));
  }

  private static Optional<String> text(JsonObject entry, String key) {
    return entry.get(key) instanceof JsonString s && !s.getString().isEmpty()
        ? Optional.of(s.getString())
        : Optional.empty();
  }
}
