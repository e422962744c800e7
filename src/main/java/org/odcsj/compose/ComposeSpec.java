package org.odcsj.compose;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Embeddable;
import java.util.Objects;

/**
 * Everything a user asked a compose to be: the ODCS request inputs, in one place. The entity embeds
 * it, the generator receives it, reuse compares it, regeneration copies it; a new input is one
 * field here. Immutable: a change (a resolved {@code koji_event}, new sigkeys) is a new spec from
 * {@link #toBuilder()}. List-like inputs are {@link SpaceJoined}, stored as ODCS stores them.
 */
@Embeddable
public class ComposeSpec {

  @Column(name = "source_type")
  private int sourceType;

  @Column(name = "source")
  private String source;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "packages")
  private SpaceJoined packages;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "builds")
  private SpaceJoined builds;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "sigkeys")
  private SpaceJoined sigkeys;

  @Column(name = "koji_event")
  private Long kojiEvent;

  @Column(name = "flags")
  private int flags;

  @Column(name = "results")
  private int results;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "arches")
  private SpaceJoined arches;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "multilib_arches")
  private SpaceJoined multilibArches;

  @Column(name = "multilib_method")
  private int multilibMethod;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "lookaside_repos")
  private SpaceJoined lookasideRepos;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "modular_koji_tags")
  private SpaceJoined modularKojiTags;

  @Column(name = "module_defaults_url")
  private String moduleDefaultsUrl;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "modules")
  private SpaceJoined modules;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "scratch_modules")
  private SpaceJoined scratchModules;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "scratch_build_tasks")
  private SpaceJoined scratchBuildTasks;

  @Convert(converter = SpaceJoinedConverter.class)
  @Column(name = "parent_pungi_compose_ids")
  private SpaceJoined parentPungiComposeIds;

  @Column(name = "respin_of")
  private String respinOf;

  @Column(name = "base_module_br_name")
  private String baseModuleBrName;

  @Column(name = "base_module_br_stream")
  private String baseModuleBrStream;

  @Column(name = "base_module_br_stream_version_lte")
  private Long baseModuleBrStreamVersionLte;

  @Column(name = "base_module_br_stream_version_gte")
  private Long baseModuleBrStreamVersionGte;

  @Column(name = "label")
  private String label;

  @Column(name = "compose_type")
  private String composeType;

  @Column(name = "target_dir")
  private String targetDir;

  protected ComposeSpec() {}

  public static Builder builder(SourceType type) {
    return new Builder().sourceType(type);
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.s.sourceType = sourceType;
    b.s.source = source;
    b.s.packages = packages;
    b.s.builds = builds;
    b.s.sigkeys = sigkeys;
    b.s.kojiEvent = kojiEvent;
    b.s.flags = flags;
    b.s.results = results;
    b.s.arches = arches;
    b.s.multilibArches = multilibArches;
    b.s.multilibMethod = multilibMethod;
    b.s.lookasideRepos = lookasideRepos;
    b.s.modularKojiTags = modularKojiTags;
    b.s.moduleDefaultsUrl = moduleDefaultsUrl;
    b.s.modules = modules;
    b.s.scratchModules = scratchModules;
    b.s.scratchBuildTasks = scratchBuildTasks;
    b.s.parentPungiComposeIds = parentPungiComposeIds;
    b.s.respinOf = respinOf;
    b.s.baseModuleBrName = baseModuleBrName;
    b.s.baseModuleBrStream = baseModuleBrStream;
    b.s.baseModuleBrStreamVersionLte = baseModuleBrStreamVersionLte;
    b.s.baseModuleBrStreamVersionGte = baseModuleBrStreamVersionGte;
    b.s.label = label;
    b.s.composeType = composeType;
    b.s.targetDir = targetDir;
    return b;
  }

  public SourceType sourceType() {
    return SourceType.of(sourceType);
  }

  public String source() {
    return source;
  }

  public SpaceJoined packages() {
    return packages;
  }

  public SpaceJoined builds() {
    return builds;
  }

  public SpaceJoined sigkeys() {
    return sigkeys;
  }

  public Long kojiEvent() {
    return kojiEvent;
  }

  public int flags() {
    return flags;
  }

  public int results() {
    return results;
  }

  public SpaceJoined arches() {
    return arches;
  }

  public SpaceJoined multilibArches() {
    return multilibArches;
  }

  public int multilibMethod() {
    return multilibMethod;
  }

  public SpaceJoined lookasideRepos() {
    return lookasideRepos;
  }

  public SpaceJoined modularKojiTags() {
    return modularKojiTags;
  }

  public String moduleDefaultsUrl() {
    return moduleDefaultsUrl;
  }

  public SpaceJoined modules() {
    return modules;
  }

  public SpaceJoined scratchModules() {
    return scratchModules;
  }

  public SpaceJoined scratchBuildTasks() {
    return scratchBuildTasks;
  }

  public SpaceJoined parentPungiComposeIds() {
    return parentPungiComposeIds;
  }

  public String respinOf() {
    return respinOf;
  }

  public String baseModuleBrName() {
    return baseModuleBrName;
  }

  public String baseModuleBrStream() {
    return baseModuleBrStream;
  }

  public Long baseModuleBrStreamVersionLte() {
    return baseModuleBrStreamVersionLte;
  }

  public Long baseModuleBrStreamVersionGte() {
    return baseModuleBrStreamVersionGte;
  }

  public String label() {
    return label;
  }

  public String composeType() {
    return composeType;
  }

  public String targetDir() {
    return targetDir;
  }

  public boolean hasFlag(ComposeFlag flag) {
    return (flags & flag.bit()) != 0;
  }

  /**
   * When an older compose can answer this request (with the same resolved source, which the caller
   * compares): the same source type and inputs — list-like inputs as sets, the others exactly.
   * {@code label} and {@code compose_type} only describe a compose, and {@code koji_event} is part
   * of what the source resolved.
   */
  public boolean sameInputsAs(ComposeSpec o) {
    return sourceType == o.sourceType
        && Objects.equals(source, o.source)
        && flags == o.flags
        && results == o.results
        && multilibMethod == o.multilibMethod
        && Objects.equals(moduleDefaultsUrl, o.moduleDefaultsUrl)
        && Objects.equals(respinOf, o.respinOf)
        && Objects.equals(targetDir, o.targetDir)
        && SpaceJoined.itemSet(packages).equals(SpaceJoined.itemSet(o.packages))
        && SpaceJoined.itemSet(builds).equals(SpaceJoined.itemSet(o.builds))
        && java.util.Set.copyOf(SpaceJoined.sigkeys(sigkeys))
            .equals(java.util.Set.copyOf(SpaceJoined.sigkeys(o.sigkeys)))
        && SpaceJoined.itemSet(arches).equals(SpaceJoined.itemSet(o.arches))
        && SpaceJoined.itemSet(lookasideRepos).equals(SpaceJoined.itemSet(o.lookasideRepos))
        && SpaceJoined.itemSet(multilibArches).equals(SpaceJoined.itemSet(o.multilibArches))
        && SpaceJoined.itemSet(modularKojiTags).equals(SpaceJoined.itemSet(o.modularKojiTags))
        && SpaceJoined.itemSet(scratchModules).equals(SpaceJoined.itemSet(o.scratchModules))
        && SpaceJoined.itemSet(modules).equals(SpaceJoined.itemSet(o.modules))
        && SpaceJoined.itemSet(scratchBuildTasks).equals(SpaceJoined.itemSet(o.scratchBuildTasks))
        && SpaceJoined.itemSet(parentPungiComposeIds)
            .equals(SpaceJoined.itemSet(o.parentPungiComposeIds));
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ComposeSpec o)) {
      return false;
    }
    return sourceType == o.sourceType
        && Objects.equals(source, o.source)
        && Objects.equals(packages, o.packages)
        && Objects.equals(builds, o.builds)
        && Objects.equals(sigkeys, o.sigkeys)
        && Objects.equals(kojiEvent, o.kojiEvent)
        && flags == o.flags
        && results == o.results
        && Objects.equals(arches, o.arches)
        && Objects.equals(multilibArches, o.multilibArches)
        && multilibMethod == o.multilibMethod
        && Objects.equals(lookasideRepos, o.lookasideRepos)
        && Objects.equals(modularKojiTags, o.modularKojiTags)
        && Objects.equals(moduleDefaultsUrl, o.moduleDefaultsUrl)
        && Objects.equals(modules, o.modules)
        && Objects.equals(scratchModules, o.scratchModules)
        && Objects.equals(scratchBuildTasks, o.scratchBuildTasks)
        && Objects.equals(parentPungiComposeIds, o.parentPungiComposeIds)
        && Objects.equals(respinOf, o.respinOf)
        && Objects.equals(baseModuleBrName, o.baseModuleBrName)
        && Objects.equals(baseModuleBrStream, o.baseModuleBrStream)
        && Objects.equals(baseModuleBrStreamVersionLte, o.baseModuleBrStreamVersionLte)
        && Objects.equals(baseModuleBrStreamVersionGte, o.baseModuleBrStreamVersionGte)
        && Objects.equals(label, o.label)
        && Objects.equals(composeType, o.composeType)
        && Objects.equals(targetDir, o.targetDir);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sourceType, source, packages, builds, sigkeys, kojiEvent, arches);
  }

  /** Fluent construction of a spec; unset inputs are "not given" (null, 0). */
  public static final class Builder {
    private final ComposeSpec s = new ComposeSpec();

    private Builder() {}

    public Builder sourceType(SourceType type) {
      s.sourceType = type.code();
      return this;
    }

    public Builder source(String source) {
      s.source = source;
      return this;
    }

    public Builder packages(SpaceJoined packages) {
      s.packages = packages;
      return this;
    }

    public Builder packages(String packages) {
      s.packages = SpaceJoined.of(packages);
      return this;
    }

    public Builder builds(SpaceJoined builds) {
      s.builds = builds;
      return this;
    }

    public Builder builds(String builds) {
      s.builds = SpaceJoined.of(builds);
      return this;
    }

    public Builder sigkeys(SpaceJoined sigkeys) {
      s.sigkeys = sigkeys;
      return this;
    }

    public Builder sigkeys(String sigkeys) {
      s.sigkeys = SpaceJoined.of(sigkeys);
      return this;
    }

    public Builder kojiEvent(Long kojiEvent) {
      s.kojiEvent = kojiEvent;
      return this;
    }

    public Builder flags(int flags) {
      s.flags = flags;
      return this;
    }

    public Builder results(int results) {
      s.results = results;
      return this;
    }

    public Builder arches(SpaceJoined arches) {
      s.arches = arches;
      return this;
    }

    public Builder arches(String arches) {
      s.arches = SpaceJoined.of(arches);
      return this;
    }

    public Builder multilibArches(SpaceJoined multilibArches) {
      s.multilibArches = multilibArches;
      return this;
    }

    public Builder multilibArches(String multilibArches) {
      s.multilibArches = SpaceJoined.of(multilibArches);
      return this;
    }

    public Builder multilibMethod(int multilibMethod) {
      s.multilibMethod = multilibMethod;
      return this;
    }

    public Builder lookasideRepos(SpaceJoined lookasideRepos) {
      s.lookasideRepos = lookasideRepos;
      return this;
    }

    public Builder lookasideRepos(String lookasideRepos) {
      s.lookasideRepos = SpaceJoined.of(lookasideRepos);
      return this;
    }

    public Builder modularKojiTags(SpaceJoined modularKojiTags) {
      s.modularKojiTags = modularKojiTags;
      return this;
    }

    public Builder modularKojiTags(String modularKojiTags) {
      s.modularKojiTags = SpaceJoined.of(modularKojiTags);
      return this;
    }

    public Builder moduleDefaultsUrl(String moduleDefaultsUrl) {
      s.moduleDefaultsUrl = moduleDefaultsUrl;
      return this;
    }

    public Builder modules(SpaceJoined modules) {
      s.modules = modules;
      return this;
    }

    public Builder modules(String modules) {
      s.modules = SpaceJoined.of(modules);
      return this;
    }

    public Builder scratchModules(SpaceJoined scratchModules) {
      s.scratchModules = scratchModules;
      return this;
    }

    public Builder scratchModules(String scratchModules) {
      s.scratchModules = SpaceJoined.of(scratchModules);
      return this;
    }

    public Builder scratchBuildTasks(SpaceJoined scratchBuildTasks) {
      s.scratchBuildTasks = scratchBuildTasks;
      return this;
    }

    public Builder scratchBuildTasks(String scratchBuildTasks) {
      s.scratchBuildTasks = SpaceJoined.of(scratchBuildTasks);
      return this;
    }

    public Builder parentPungiComposeIds(SpaceJoined parentPungiComposeIds) {
      s.parentPungiComposeIds = parentPungiComposeIds;
      return this;
    }

    public Builder parentPungiComposeIds(String parentPungiComposeIds) {
      s.parentPungiComposeIds = SpaceJoined.of(parentPungiComposeIds);
      return this;
    }

    public Builder respinOf(String respinOf) {
      s.respinOf = respinOf;
      return this;
    }

    public Builder baseModuleBrName(String baseModuleBrName) {
      s.baseModuleBrName = baseModuleBrName;
      return this;
    }

    public Builder baseModuleBrStream(String baseModuleBrStream) {
      s.baseModuleBrStream = baseModuleBrStream;
      return this;
    }

    public Builder baseModuleBrStreamVersionLte(Long baseModuleBrStreamVersionLte) {
      s.baseModuleBrStreamVersionLte = baseModuleBrStreamVersionLte;
      return this;
    }

    public Builder baseModuleBrStreamVersionGte(Long baseModuleBrStreamVersionGte) {
      s.baseModuleBrStreamVersionGte = baseModuleBrStreamVersionGte;
      return this;
    }

    public Builder label(String label) {
      s.label = label;
      return this;
    }

    public Builder composeType(String composeType) {
      s.composeType = composeType;
      return this;
    }

    public Builder targetDir(String targetDir) {
      s.targetDir = targetDir;
      return this;
    }

    public ComposeSpec build() {
      return s.toBuilder().s;
    }
  }
}
