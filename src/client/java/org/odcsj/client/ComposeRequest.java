package org.odcsj.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.Arrays;
import java.util.List;

/**
 * A request for a new compose: every ODCS request field, typed. Start from the source kind ({@code
 * ComposeRequest.tag("f40-build").packages("bash").arches("x86_64").build()}).
 */
public final class ComposeRequest {

  private final JsonObject json;

  private ComposeRequest(JsonObject json) {
    this.json = json;
  }

  /** The request body sent to {@code POST /api/1/composes/}. */
  public JsonObject toJson() {
    return json;
  }

  public static Builder of(SourceType type, String source) {
    return new Builder(type, source);
  }

  /** A yum repository (a path on the server, or a URL the server allows). */
  public static Builder repo(String pathOrUrl) {
    return of(SourceType.REPO, pathOrUrl);
  }

  public static Builder tag(String kojiTag) {
    return of(SourceType.TAG, kojiTag);
  }

  /** Modules as {@code N:S}, {@code N:S:V} or {@code N:S:V:C}. */
  public static Builder module(String... modules) {
    return of(SourceType.MODULE, String.join(" ", modules));
  }

  /** Koji builds by NVR. */
  public static Builder build(String... nvrs) {
    return of(SourceType.BUILD, "").builds(nvrs);
  }

  public static Builder pulp(String... contentSets) {
    return of(SourceType.PULP, String.join(" ", contentSets));
  }

  public static Builder rawConfig(String name, String commit) {
    return of(SourceType.RAW_CONFIG, name + "#" + commit);
  }

  /** A variant repository of an external Pungi compose. */
  public static Builder pungiCompose(String variantRepoUrl) {
    return of(SourceType.PUNGI_COMPOSE, variantRepoUrl);
  }

  /** Builds a request; a list given empty is left out (the server default applies). */
  public static final class Builder {
    private final JsonObjectBuilder source = JsonSupport.JSON.createObjectBuilder();
    private final JsonObjectBuilder top = JsonSupport.JSON.createObjectBuilder();

    private Builder(SourceType type, String value) {
      source.add("type", type.wireName()).add("source", value == null ? "" : value);
    }

    private Builder sourceList(String key, List<String> values) {
      if (values != null && !values.isEmpty()) {
        source.add(key, JsonSupport.array(values));
      }
      return this;
    }

    private Builder topList(String key, List<String> values) {
      if (values != null && !values.isEmpty()) {
        top.add(key, JsonSupport.array(values));
      }
      return this;
    }

    private Builder sourceString(String key, String value) {
      if (value != null && !value.isEmpty()) {
        source.add(key, value);
      }
      return this;
    }

    private Builder topString(String key, String value) {
      if (value != null && !value.isEmpty()) {
        top.add(key, value);
      }
      return this;
    }

    public Builder packages(String... packages) {
      return packages(Arrays.asList(packages));
    }

    public Builder packages(List<String> packages) {
      return sourceList("packages", packages);
    }

    public Builder builds(String... nvrs) {
      return builds(Arrays.asList(nvrs));
    }

    public Builder builds(List<String> nvrs) {
      return sourceList("builds", nvrs);
    }

    /** Signing key ids; {@code ""} allows unsigned packages. */
    public Builder sigkeys(List<String> sigkeys) {
      if (sigkeys != null && !sigkeys.isEmpty()) {
        source.add("sigkeys", JsonSupport.array(sigkeys));
      }
      return this;
    }

    public Builder sigkeys(String... sigkeys) {
      return sigkeys(Arrays.asList(sigkeys));
    }

    public Builder kojiEvent(Long event) {
      if (event != null) {
        source.add("koji_event", event);
      }
      return this;
    }

    public Builder modularKojiTags(List<String> tags) {
      return sourceList("modular_koji_tags", tags);
    }

    public Builder moduleDefaults(String url, String commit) {
      sourceString("module_defaults_url", url);
      return sourceString("module_defaults_commit", commit);
    }

    public Builder scratchModules(List<String> nsvcs) {
      return sourceList("scratch_modules", nsvcs);
    }

    public Builder scratchBuildTasks(List<String> taskIds) {
      return sourceList("scratch_build_tasks", taskIds);
    }

    public Builder modules(List<String> nsvcs) {
      return sourceList("modules", nsvcs);
    }

    public Builder baseModuleBr(String name, String stream) {
      sourceString("base_module_br_name", name);
      return sourceString("base_module_br_stream", stream);
    }

    public Builder baseModuleBrStreamVersionLte(Long version) {
      if (version != null) {
        source.add("base_module_br_stream_version_lte", version);
      }
      return this;
    }

    public Builder baseModuleBrStreamVersionGte(Long version) {
      if (version != null) {
        source.add("base_module_br_stream_version_gte", version);
      }
      return this;
    }

    public Builder secondsToLive(Long seconds) {
      if (seconds != null) {
        top.add("seconds_to_live", seconds);
      }
      return this;
    }

    public Builder flags(String... flags) {
      return flags(Arrays.asList(flags));
    }

    public Builder flags(List<String> flags) {
      return topList("flags", flags);
    }

    public Builder results(List<String> results) {
      return topList("results", results);
    }

    public Builder arches(String... arches) {
      return arches(Arrays.asList(arches));
    }

    public Builder arches(List<String> arches) {
      return topList("arches", arches);
    }

    public Builder multilibArches(List<String> arches) {
      return topList("multilib_arches", arches);
    }

    public Builder multilibMethod(List<String> methods) {
      return topList("multilib_method", methods);
    }

    public Builder lookasideRepos(List<String> urls) {
      return topList("lookaside_repos", urls);
    }

    public Builder label(String label) {
      return topString("label", label);
    }

    public Builder composeType(String composeType) {
      return topString("compose_type", composeType);
    }

    public Builder targetDir(String targetDir) {
      return topString("target_dir", targetDir);
    }

    public Builder parentPungiComposeIds(List<String> ids) {
      return topList("parent_pungi_compose_ids", ids);
    }

    public Builder respinOf(String pungiComposeId) {
      return topString("respin_of", pungiComposeId);
    }

    public ComposeRequest build() {
      JsonObjectBuilder body = JsonSupport.JSON.createObjectBuilder(top.build());
      return new ComposeRequest(body.add("source", source.build()).build());
    }
  }
}
