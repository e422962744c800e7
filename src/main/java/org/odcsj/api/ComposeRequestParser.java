package org.odcsj.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeResult;
import org.odcsj.compose.NewCompose;
import org.odcsj.compose.SourceType;
import org.odcsj.config.OdcsConfig;

/**
 * Turns a POST body into a validated {@link NewCompose}, in the order of the ODCS contract (spec
 * §2.6.1): the first failing step decides the 400 message, which always names the field.
 */
@ApplicationScoped
public class ComposeRequestParser {

  private static final List<String> MULTILIB_METHODS = List.of("none", "runtime", "devel", "all");

  @Inject OdcsConfig config;

  public NewCompose parse(JsonValue bodyValue, String owner, Instant now) {
    if (!(bodyValue instanceof JsonObject body) || body.isEmpty()) {
      throw ApiException.badRequest("No JSON POST data submitted");
    }
    InputValidator.validate(body);
    long secondsToLive = secondsToLive(body);
    if (!(body.get("source") instanceof JsonObject source)) {
      throw ApiException.badRequest(
          "Invalid source configuration provided: \"source\" must be an object");
    }
    if (!(source.get("type") instanceof JsonString typeName)) {
      throw ApiException.badRequest("Missing type in source configuration");
    }
    SourceType type =
        SourceType.byName(typeName.getString())
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "Unknown source type \"" + typeName.getString() + "\""));
    if (!config.allowedSourceTypes().contains(type.wireName())) {
      throw ApiException.badRequest(
          "Source type \"" + type.wireName() + "\" is not enabled on this server");
    }
    List<String> sources = sourceTokens(source);
    if (sources.isEmpty() && type != SourceType.BUILD) {
      throw ApiException.badRequest("No source provided for " + type.code());
    }
    if (type == SourceType.REPO) {
      checkRepoPaths(sources);
    }
    List<String> arches = strings(body, "arches").orElse(List.of());
    return new NewCompose(
        owner,
        type,
        String.join(" ", sources),
        strings(source, "packages").map(l -> String.join(" ", l)).orElse(null),
        strings(source, "builds").map(l -> String.join(" ", l)).orElse(null),
        strings(source, "sigkeys").map(l -> String.join(" ", l)).orElse(""),
        kojiEvent(source),
        flags(body),
        results(body),
        String.join(" ", arches.isEmpty() ? config.arches() : arches),
        strings(body, "multilib_arches").map(l -> String.join(" ", l)).orElse(""),
        multilibMethod(body),
        strings(body, "lookaside_repos").map(l -> String.join(" ", l)).orElse(""),
        body.get("label") instanceof JsonString s ? s.getString() : null,
        body.get("compose_type") instanceof JsonString s ? s.getString() : "test",
        targetDir(body),
        now,
        now.plusSeconds(secondsToLive));
  }

  private static Long kojiEvent(JsonObject source) {
    if (!(source.get("koji_event") instanceof JsonNumber n)) {
      return null;
    }
    if (n.bigIntegerValue().bitLength() > 63 || n.longValue() < 0) {
      throw ApiException.badRequest("\"koji_event\" must be a non-negative 64-bit integer");
    }
    return n.longValue();
  }

  private long secondsToLive(JsonObject body) {
    JsonValue value = body.get("seconds_to_live");
    if (value == null || value == JsonValue.NULL) {
      value = body.get("seconds-to-live");
    }
    long requested;
    if (value == null || value == JsonValue.NULL || value == JsonValue.FALSE) {
      requested = 0;
    } else if (value == JsonValue.TRUE) {
      requested = 1;
    } else if (value instanceof JsonNumber n && n.isIntegral()) {
      requested = n.bigIntegerValue().min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
    } else if (value instanceof JsonString s && s.getString().matches("-?\\d{1,18}")) {
      requested = Long.parseLong(s.getString());
    } else {
      throw ApiException.badRequest(
          "Invalid seconds_to_live specified in request: \"seconds-to-live\" must be an integer");
    }
    if (requested == 0) {
      return config.secondsToLive();
    }
    if (requested < 0) {
      throw ApiException.badRequest("\"seconds_to_live\" must be a positive integer");
    }
    return Math.min(requested, config.maxSecondsToLive());
  }

  private static List<String> sourceTokens(JsonObject source) {
    if (!(source.get("source") instanceof JsonString s) || s.getString().isEmpty()) {
      if (source.containsKey("source") && !(source.get("source") instanceof JsonString)) {
        throw ApiException.badRequest("\"source\" in \"source\" must be a string");
      }
      return List.of();
    }
    return new ArrayList<>(new LinkedHashSet<>(List.of(s.getString().split(" "))));
  }

  private void checkRepoPaths(List<String> paths) {
    List<Path> roots = config.repoAllowedRoots();
    for (String p : paths) {
      Path path = Path.of(p);
      if (!path.isAbsolute()) {
        throw ApiException.badRequest("Repository path \"" + p + "\" must be absolute");
      }
      Path normalized = path.normalize();
      if (roots.stream().noneMatch(normalized::startsWith)) {
        throw ApiException.badRequest(
            "Repository path \"" + p + "\" is not under an allowed root (odcs.repo.allowed-roots)");
      }
    }
  }

  private static int flags(JsonObject body) {
    int mask = 0;
    for (String name : strings(body, "flags").orElse(List.of())) {
      if (name.equals("no_flags")) {
        continue;
      }
      mask |=
          java.util.Arrays.stream(ComposeFlag.values())
              .filter(f -> f.wireName().equals(name))
              .findFirst()
              .orElseThrow(() -> ApiException.badRequest("Unknown flag \"" + name + "\""))
              .bit();
    }
    return mask;
  }

  private static int results(JsonObject body) {
    int mask = ComposeResult.REPOSITORY.bit();
    for (String name : strings(body, "results").orElse(List.of())) {
      mask |=
          java.util.Arrays.stream(ComposeResult.values())
              .filter(r -> r.wireName().equals(name))
              .findFirst()
              .orElseThrow(() -> ApiException.badRequest("Unknown result \"" + name + "\""))
              .bit();
    }
    return mask;
  }

  private static int multilibMethod(JsonObject body) {
    int mask = 0;
    for (String name : strings(body, "multilib_method").orElse(List.of())) {
      int index = MULTILIB_METHODS.indexOf(name.toLowerCase(Locale.ROOT));
      if (index < 0) {
        throw ApiException.badRequest("Unknown multilib method \"" + name + "\"");
      }
      mask |= index == 0 ? 0 : 1 << (index - 1);
    }
    return mask;
  }

  private static String targetDir(JsonObject body) {
    if (!(body.get("target_dir") instanceof JsonString s)
        || s.getString().isEmpty()
        || s.getString().equals("default")) {
      return "default";
    }
    throw ApiException.badRequest("Unknown \"target_dir\" \"" + s.getString() + "\"");
  }

  /** A list field: must be a JSON array of strings (the validator already checked the array). */
  private static Optional<List<String>> strings(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonArray array)) {
      throw ApiException.badRequest("\"" + key + "\" must be a list of strings");
    }
    List<String> out = new ArrayList<>();
    for (JsonValue v : array) {
      if (!(v instanceof JsonString s)) {
        throw ApiException.badRequest("\"" + key + "\" must be a list of strings");
      }
      out.add(s.getString());
    }
    return Optional.of(out);
  }
}
