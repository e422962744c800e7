package org.odcsj.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeResult;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.NewCompose;
import org.odcsj.compose.SourceType;
import org.odcsj.config.OdcsConfig;
import org.odcsj.config.RawConfigUrls;
import org.odcsj.source.ComposeSources;
import org.odcsj.source.InvalidSourceRequest;

/**
 * Turns a POST body into a validated {@link NewCompose}, in the order of the ODCS contract (spec
 * §2.6.1): the first failing step decides the 400 message, which always names the field.
 */
@ApplicationScoped
public class ComposeRequestParser {

  private static final List<String> MULTILIB_METHODS = List.of("none", "runtime", "devel", "all");

  @Inject OdcsConfig config;
  @Inject ComposeSources composeSources;

  public NewCompose parse(JsonValue bodyValue, String owner, Instant now) {
    JsonObject body = requireBody(bodyValue);
    InputValidator.validate(body);
    long secondsToLive = secondsToLive(body);
    if (!(body.get("source") instanceof JsonObject source)) {
      throw ApiException.badRequest(
          "Invalid source configuration provided: \"source\" must be an object");
    }
    if (!(source.get("type") instanceof JsonString typeName)) {
      throw ApiException.badRequest(
          "Missing type in source configuration: \"source\" has no \"type\"");
    }
    SourceType type =
        SourceType.byName(typeName.getString())
            .orElseThrow(
                () ->
                    ApiException.badRequest(
                        "Unknown source type \"" + typeName.getString() + "\""));
    Optional<List<String>> scratchModules = strings(source, "scratch_modules");
    List<String> sources = sourceTokens(source);
    boolean sourceOptional =
        type == SourceType.BUILD
            || (type == SourceType.MODULE && scratchModules.map(l -> !l.isEmpty()).orElse(false));
    if (sources.isEmpty() && !sourceOptional) {
      throw ApiException.badRequest("No source provided for " + type.code());
    }
    checkSource(type, sources);

    String packages = joined(source, "packages");
    String builds = joined(source, "builds");
    String sigkeys =
        strings(source, "sigkeys")
            .map(l -> String.join(" ", l))
            .orElse(String.join(" ", config.sigkeys()));
    Long kojiEvent = nonNegativeLong(source, "koji_event");
    int flags = flags(body);
    int results = results(body);
    checkResults(results);
    List<String> arches = strings(body, "arches").orElse(List.of());
    String multilibArches =
        strings(body, "multilib_arches").map(l -> String.join(" ", l)).orElse("");
    String lookaside = strings(body, "lookaside_repos").map(l -> String.join(" ", l)).orElse("");
    String parents = joined(body, "parent_pungi_compose_ids");
    String respinOf = body.get("respin_of") instanceof JsonString s ? s.getString() : null;
    int multilibMethod = multilibMethod(body);
    String modularKojiTags = joined(source, "modular_koji_tags");
    String moduleDefaults = moduleDefaults(source);
    String scratchBuildTasks = joined(source, "scratch_build_tasks");
    ComposeSpec spec =
        ComposeSpec.builder(type)
            .source(String.join(" ", sources))
            .packages(packages)
            .builds(builds)
            .sigkeys(sigkeys)
            .kojiEvent(kojiEvent)
            .flags(flags)
            .results(results)
            .arches(String.join(" ", arches.isEmpty() ? config.arches() : arches))
            .multilibArches(multilibArches)
            .multilibMethod(multilibMethod)
            .lookasideRepos(lookaside)
            .modularKojiTags(modularKojiTags)
            .moduleDefaultsUrl(moduleDefaults)
            .modules(joined(source, "modules"))
            .scratchModules(scratchModules.map(l -> String.join(" ", l)).orElse(null))
            .scratchBuildTasks(scratchBuildTasks)
            .parentPungiComposeIds(parents)
            .respinOf(respinOf)
            .baseModuleBrName(text(source, "base_module_br_name"))
            .baseModuleBrStream(text(source, "base_module_br_stream"))
            .baseModuleBrStreamVersionLte(
                nonNegativeLong(source, "base_module_br_stream_version_lte"))
            .baseModuleBrStreamVersionGte(
                nonNegativeLong(source, "base_module_br_stream_version_gte"))
            .label(text(body, "label"))
            .composeType(Optional.ofNullable(text(body, "compose_type")).orElse("test"))
            .targetDir(targetDir(body))
            .build();
    try {
      composeSources.validate(spec);
    } catch (InvalidSourceRequest e) {
      throw ApiException.badRequest(e.getMessage());
    }
    return new NewCompose(owner, spec, now, now.plusSeconds(secondsToLive));
  }

  static JsonObject requireBody(JsonValue value) {
    if (!(value instanceof JsonObject body) || body.isEmpty()) {
      throw ApiException.badRequest("No JSON POST data submitted");
    }
    return body;
  }

  /** {@code seconds_to_live} (or the legacy {@code seconds-to-live}), defaulted and capped. */
  long secondsToLive(JsonObject body) {
    JsonValue value = body.get("seconds_to_live");
    if (value == null || value == JsonValue.NULL) {
      value = body.get("seconds-to-live");
    }
    long requested;
    if (value == null || value == JsonValue.NULL) {
      requested = 0;
    } else if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
      throw ApiException.badRequest(
          "\"seconds_to_live\" must be a positive integer, not a boolean");
    } else if (value instanceof JsonNumber n && n.isIntegral()) {
      requested =
          n.bigIntegerValue()
              .min(BigInteger.valueOf(Long.MAX_VALUE))
              .max(BigInteger.valueOf(-1))
              .longValue();
    } else if (value instanceof JsonString s && s.getString().matches("-?\\d{1,30}")) {
      requested =
          new BigInteger(s.getString())
              .min(BigInteger.valueOf(Long.MAX_VALUE))
              .max(BigInteger.valueOf(-1))
              .longValue();
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
    JsonValue value = source.get("source");
    if (value == null || value == JsonValue.NULL) {
      return List.of();
    }
    if (!(value instanceof JsonString s)) {
      throw ApiException.badRequest("\"source\" must be a string");
    }
    if (s.getString().isEmpty()) {
      return List.of();
    }
    return new ArrayList<>(new LinkedHashSet<>(List.of(s.getString().split(" ", -1))));
  }

  private void checkSource(SourceType type, List<String> sources) {
    switch (type) {
      case RAW_CONFIG -> checkRawConfig(sources);
      case MODULE -> checkModules(sources);
      default -> {}
    }
  }

  /** Results this server cannot make are refused rather than accepted and silently not made. */
  private void checkResults(int results) {
    if ((results & ComposeResult.BOOT_ISO.bit()) != 0 && config.loraxCommand().isEmpty()) {
      throw ApiException.badRequest(
          "The \"boot.iso\" result is not available on this server: it needs lorax, and no"
              + " lorax command is configured (odcs.lorax-command)");
    }
    if ((results & ComposeResult.OSTREE.bit()) != 0) {
      throw ApiException.badRequest(
          "The \"ostree\" result is not supported by this server: it makes no OSTree"
              + " repositories (there is no odcs.ostree-command)");
    }
  }

  private void checkRawConfig(List<String> sources) {
    if (sources.size() > 1) {
      throw ApiException.badRequest("Only single source is allowed for \"raw_config\" source_type");
    }
    String[] parts = sources.get(0).split("#", -1);
    if (parts.length != 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw ApiException.badRequest(
          "Source must be in \"source_name#commit_hash\" format for \"raw_config\" source_type.");
    }
    if (!RawConfigUrls.parse(config.rawConfigUrlsJson()).containsKey(parts[0])) {
      throw ApiException.badRequest(
          "Source \"" + parts[0] + "\" does not exist in server configuration.");
    }
  }

  private void checkModules(List<String> sources) {
    for (String module : sources) {
      String[] parts = module.split(":", -1);
      if (parts.length < 2) {
        throw ApiException.badRequest(
            "Module definition must be in \"n:s\", \"n:s:v\" or \"n:s:v:c\" format, but got "
                + module);
      }
      if (config.baseModuleNames().contains(parts[0])) {
        throw ApiException.badRequest(
            "ODCS currently cannot create compose with base modules, but "
                + parts[0]
                + " was requested.");
      }
    }
  }

  private static String moduleDefaults(JsonObject source) {
    String url = text(source, "module_defaults_url");
    String commit = text(source, "module_defaults_commit");
    boolean hasUrl = url != null && !url.isEmpty();
    boolean hasCommit = commit != null && !commit.isEmpty();
    if (hasUrl != hasCommit) {
      throw ApiException.badRequest(
          "The \"module_defaults_url\" and \"module_defaults_commit\" must be used together.");
    }
    return hasUrl ? url + " " + commit : null;
  }

  static int flags(JsonObject body) {
    int mask = 0;
    for (String name : strings(body, "flags").orElse(List.of())) {
      if (name.equals("no_flags")) {
        continue;
      }
      mask |=
          Arrays.stream(ComposeFlag.values())
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
          Arrays.stream(ComposeResult.values())
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

  private String targetDir(JsonObject body) {
    String name = text(body, "target_dir");
    if (name == null || name.isEmpty() || name.equals("default")) {
      return "default";
    }
    if (!config.extraTargetDirs().containsKey(name)) {
      throw ApiException.badRequest("Unknown \"target_dir\" \"" + name + "\"");
    }
    return name;
  }

  private static String text(JsonObject object, String key) {
    return object.get(key) instanceof JsonString s ? s.getString() : null;
  }

  private static Long nonNegativeLong(JsonObject object, String key) {
    if (!(object.get(key) instanceof JsonNumber n)) {
      return null;
    }
    if (!n.isIntegral() || n.bigIntegerValue().bitLength() > 63 || n.longValue() < 0) {
      throw ApiException.badRequest("\"" + key + "\" must be a non-negative 64-bit integer");
    }
    return n.longValue();
  }

  private static String joined(JsonObject object, String key) {
    return strings(object, key).map(l -> String.join(" ", l)).orElse(null);
  }

  /** A list field: must be a JSON array of strings. */
  static Optional<List<String>> strings(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value == null) {
      return Optional.empty();
    }
    if (!(value instanceof JsonArray array)) {
      throw ApiException.badRequest(key + " should be a list");
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
