package org.odcsj.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeResult;
import org.odcsj.compose.SourceType;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.config.OdcsConfig;

/**
 * The ODCS JSON of a compose (spec §3): every key present, keys in alphabetical order, dates as
 * {@code YYYY-MM-DDTHH:MM:SSZ}, URLs derived from {@code odcs.target-dir-url}.
 */
@ApplicationScoped
public class ComposeJson {

  @Inject OdcsConfig config;

  /** The list/POST form (without {@code pungi_config_dump}). */
  public JsonObject summary(Compose c) {
    return build(fields(c));
  }

  /** The single-compose form. */
  public JsonObject detail(Compose c) {
    Map<String, JsonValue> fields = fields(c);
    fields.put("pungi_config_dump", string(c.getPungiConfigDump()));
    return build(fields);
  }

  private Map<String, JsonValue> fields(Compose c) {
    Map<String, JsonValue> f = new TreeMap<>();
    long nameId = c.getReusedId() != null ? c.getReusedId() : c.getId();
    String name = "odcs-" + nameId;
    boolean defaultDir = "default".equals(c.spec().targetDir());
    boolean rawConfig = c.spec().sourceType() == SourceType.RAW_CONFIG;
    String toplevel = defaultDir ? config.targetDirUrl() + name : "";
    String resultRepo = defaultDir && !rawConfig ? toplevel + "/compose/Temporary" : "";
    f.put("arches", string(SpaceJoined.text(c.spec().arches())));
    f.put("base_module_br_name", string(c.spec().baseModuleBrName()));
    f.put("base_module_br_stream", string(c.spec().baseModuleBrStream()));
    f.put("base_module_br_stream_version_gte", number(c.spec().baseModuleBrStreamVersionGte()));
    f.put("base_module_br_stream_version_lte", number(c.spec().baseModuleBrStreamVersionLte()));
    f.put("builds", string(SpaceJoined.text(c.spec().builds())));
    f.put("compose_type", string(c.spec().composeType()));
    f.put("flags", array(ComposeFlag.names(c.spec().flags())));
    f.put("id", Jsonp.JSON.createValue(c.getId()));
    f.put("koji_event", number(c.spec().kojiEvent()));
    f.put("koji_task_id", number(c.getKojiTaskId()));
    f.put("label", string(c.spec().label()));
    f.put("lookaside_repos", string(SpaceJoined.text(c.spec().lookasideRepos())));
    f.put("modular_koji_tags", string(SpaceJoined.text(c.spec().modularKojiTags())));
    f.put("module_defaults_url", string(c.spec().moduleDefaultsUrl()));
    f.put("modules", string(SpaceJoined.text(c.spec().modules())));
    f.put("multilib_arches", string(nullToEmpty(SpaceJoined.text(c.spec().multilibArches()))));
    f.put("multilib_method", Jsonp.JSON.createValue(c.spec().multilibMethod()));
    f.put("owner", string(c.getOwner()));
    f.put("packages", string(SpaceJoined.text(c.spec().packages())));
    f.put("parent_pungi_compose_ids", string(SpaceJoined.text(c.spec().parentPungiComposeIds())));
    f.put("pungi_compose_id", string(c.getPungiComposeId()));
    f.put("removed_by", string(c.getRemovedBy()));
    f.put("respin_of", string(c.spec().respinOf()));
    f.put("result_repo", string(resultRepo));
    f.put("result_repofile", string(resultRepo.isEmpty() ? "" : resultRepo + "/" + name + ".repo"));
    f.put("results", array(ComposeResult.names(c.spec().results())));
    f.put("scratch_build_tasks", string(SpaceJoined.text(c.spec().scratchBuildTasks())));
    f.put("scratch_modules", string(SpaceJoined.text(c.spec().scratchModules())));
    f.put("sigkeys", string(nullToEmpty(SpaceJoined.text(c.spec().sigkeys()))));
    f.put("source", string(c.spec().source()));
    f.put("source_type", Jsonp.JSON.createValue(c.spec().sourceType().code()));
    f.put("state", Jsonp.JSON.createValue(c.state().code()));
    f.put("state_name", string(c.state().wireName()));
    f.put("state_reason", string(c.getStateReason()));
    f.put("target_dir", string(c.spec().targetDir()));
    f.put("time_done", date(c.getTimeDone()));
    f.put("time_removed", date(c.getTimeRemoved()));
    f.put("time_started", date(c.getTimeStarted()));
    f.put("time_submitted", date(c.getTimeSubmitted()));
    f.put("time_to_expire", date(c.getTimeToExpire()));
    f.put("toplevel_url", string(toplevel));
    if (c.state() == org.odcsj.compose.ComposeState.GENERATING && c.getProgressPhase() != null) {
      // Our addition (allowed: extra keys): what a generating compose is doing now.
      f.put(
          "progress",
          Jsonp.JSON
              .createObjectBuilder()
              .add("percent", c.getProgressPercent() == null ? 0 : c.getProgressPercent())
              .add("phase", c.getProgressPhase())
              .build());
    }
    return f;
  }

  private static JsonObject build(Map<String, JsonValue> sorted) {
    JsonObjectBuilder b = Jsonp.JSON.createObjectBuilder();
    sorted.forEach(b::add);
    return b.build();
  }

  static JsonValue date(Instant instant) {
    return instant == null
        ? JsonValue.NULL
        : Jsonp.JSON.createValue(instant.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  private static JsonValue string(String s) {
    return s == null ? JsonValue.NULL : Jsonp.JSON.createValue(s);
  }

  private static JsonValue number(Long n) {
    return n == null ? JsonValue.NULL : Jsonp.JSON.createValue(n);
  }

  private static JsonValue array(java.util.List<String> values) {
    var b = Jsonp.JSON.createArrayBuilder();
    values.forEach(b::add);
    return b.build();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
