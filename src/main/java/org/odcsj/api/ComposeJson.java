package org.odcsj.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.core.StreamingOutput;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeResult;
import org.odcsj.compose.ComposeState;
import org.odcsj.compose.SourceType;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.config.OdcsConfig;

/**
 * The ODCS JSON of a compose (spec §3): every key present, keys in alphabetical order, dates as
 * {@code YYYY-MM-DDTHH:MM:SSZ}, URLs derived from {@code odcs.target-dir-url}. Written straight to
 * a generator: building a JsonObject per compose first cost a sixth of a list request.
 */
@ApplicationScoped
public class ComposeJson {

  /** The list/POST/PATCH form leaves out {@code pungi_config_dump}; the single-compose has it. */
  public enum Form {
    SUMMARY,
    DETAIL
  }

  @Inject OdcsConfig config;

  /** A response body of one compose. */
  StreamingOutput body(Compose c, Form form) {
    return out -> {
      try (JsonGenerator g = Jsonp.GENERATORS.createGenerator(out)) {
        write(g, c, form);
      }
    };
  }

  /** Writes the compose as one JSON object (a value: after a key, in an array, or at the top). */
  public void write(JsonGenerator g, Compose c, Form form) {
    write(g, c, form, config.targetDirUrl());
  }

  /** As {@link #write(JsonGenerator, Compose, Form)}, URLs under {@code targetDirUrl}. */
  static void write(JsonGenerator g, Compose c, Form form, String targetDirUrl) {
    long nameId = c.getReusedId() != null ? c.getReusedId() : c.getId();
    String name = "odcs-" + nameId;
    boolean defaultDir = "default".equals(c.spec().targetDir());
    boolean rawConfig = c.spec().sourceType() == SourceType.RAW_CONFIG;
    String toplevel = defaultDir ? targetDirUrl + name : "";
    String resultRepo = defaultDir && !rawConfig ? toplevel + "/compose/Temporary" : "";
    // Keys in alphabetical order, as ODCS sorts them.
    g.writeStartObject();
    string(g, "arches", SpaceJoined.text(c.spec().arches()));
    string(g, "base_module_br_name", c.spec().baseModuleBrName());
    string(g, "base_module_br_stream", c.spec().baseModuleBrStream());
    number(g, "base_module_br_stream_version_gte", c.spec().baseModuleBrStreamVersionGte());
    number(g, "base_module_br_stream_version_lte", c.spec().baseModuleBrStreamVersionLte());
    string(g, "builds", SpaceJoined.text(c.spec().builds()));
    string(g, "compose_type", c.spec().composeType());
    array(g, "flags", ComposeFlag.names(c.spec().flags()));
    g.write("id", c.getId());
    number(g, "koji_event", c.spec().kojiEvent());
    number(g, "koji_task_id", c.getKojiTaskId());
    string(g, "label", c.spec().label());
    string(g, "lookaside_repos", SpaceJoined.text(c.spec().lookasideRepos()));
    string(g, "modular_koji_tags", SpaceJoined.text(c.spec().modularKojiTags()));
    string(g, "module_defaults_url", c.spec().moduleDefaultsUrl());
    string(g, "modules", SpaceJoined.text(c.spec().modules()));
    string(g, "multilib_arches", nullToEmpty(SpaceJoined.text(c.spec().multilibArches())));
    g.write("multilib_method", c.spec().multilibMethod());
    string(g, "owner", c.getOwner());
    string(g, "packages", SpaceJoined.text(c.spec().packages()));
    string(g, "parent_pungi_compose_ids", SpaceJoined.text(c.spec().parentPungiComposeIds()));
    if (c.state() == ComposeState.GENERATING && c.getProgressPhase() != null) {
      // Our addition (allowed: extra keys): what a generating compose is doing now.
      g.writeStartObject("progress");
      g.write("percent", c.getProgressPercent() == null ? 0 : c.getProgressPercent());
      g.write("phase", c.getProgressPhase());
      g.writeEnd();
    }
    string(g, "pungi_compose_id", c.getPungiComposeId());
    if (form == Form.DETAIL) {
      string(g, "pungi_config_dump", c.getPungiConfigDump());
    }
    string(g, "removed_by", c.getRemovedBy());
    string(g, "respin_of", c.spec().respinOf());
    string(g, "result_repo", resultRepo);
    string(g, "result_repofile", resultRepo.isEmpty() ? "" : resultRepo + "/" + name + ".repo");
    array(g, "results", ComposeResult.names(c.spec().results()));
    string(g, "scratch_build_tasks", SpaceJoined.text(c.spec().scratchBuildTasks()));
    string(g, "scratch_modules", SpaceJoined.text(c.spec().scratchModules()));
    string(g, "sigkeys", nullToEmpty(SpaceJoined.text(c.spec().sigkeys())));
    string(g, "source", c.spec().source());
    g.write("source_type", c.spec().sourceType().code());
    g.write("state", c.state().code());
    string(g, "state_name", c.state().wireName());
    string(g, "state_reason", c.getStateReason());
    string(g, "target_dir", c.spec().targetDir());
    date(g, "time_done", c.getTimeDone());
    date(g, "time_removed", c.getTimeRemoved());
    date(g, "time_started", c.getTimeStarted());
    date(g, "time_submitted", c.getTimeSubmitted());
    date(g, "time_to_expire", c.getTimeToExpire());
    string(g, "toplevel_url", toplevel);
    g.writeEnd();
  }

  static void date(JsonGenerator g, String key, Instant instant) {
    string(g, key, instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  private static void string(JsonGenerator g, String key, String s) {
    if (s == null) {
      g.writeNull(key);
    } else {
      g.write(key, s);
    }
  }

  private static void number(JsonGenerator g, String key, Long n) {
    if (n == null) {
      g.writeNull(key);
    } else {
      g.write(key, n.longValue());
    }
  }

  private static void array(JsonGenerator g, String key, List<String> values) {
    g.writeStartArray(key);
    values.forEach(g::write);
    g.writeEnd();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
