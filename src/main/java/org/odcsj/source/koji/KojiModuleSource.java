package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.modulemd.Nsvc;
import org.odcsj.source.InvalidSourceRequest;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.PackageContent;
import org.odcsj.source.PackageSource;
import org.odcsj.source.Resolution;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;
import org.odcsj.source.koji.mbs.MbsClient;
import org.odcsj.source.koji.mbs.MbsQuery.BaseModuleFilter;
import org.odcsj.source.koji.mbs.MbsSettings;
import org.odcsj.source.koji.mbs.ModuleRequest;
import org.odcsj.source.koji.mbs.ModuleResolver;
import org.odcsj.source.koji.mbs.ResolvedModule;

/**
 * {@code module}: modules resolved through MBS to exact {@code N:S:V:C} builds (the compose's
 * {@code source} becomes their sorted list, so a renewal or regeneration composes the very same
 * builds and reuse compares them); each module's RPMs are its modulemd artifacts found in its Koji
 * tag ({@code -devel}: what its module left out), signed as for {@code tag}, every one placed (no
 * selection among them); the repositories carry the modulemd documents. {@code scratch_modules}
 * (MBS scratch builds, exact {@code N:S:V:C}) are added as they are. Each build is looked up once
 * per compose: the resolution's modules are kept for opening the content ({@link ResolvedModules}).
 */
final class KojiModuleSource implements PackageSource {

  private final MbsSettings mbs;
  private final KojiComposer composer;
  private final Set<String> baseModuleNames;
  private final ModuleDefaultsRepository defaults;
  private final KojiModuleContents contents;
  private final ResolvedModules resolvedModules = new ResolvedModules();

  KojiModuleSource(
      MbsSettings mbs,
      KojiComposer composer,
      Set<String> baseModuleNames,
      ModuleDefaultsRepository defaults) {
    this.mbs = mbs;
    this.composer = composer;
    this.baseModuleNames = Set.copyOf(baseModuleNames);
    this.defaults = defaults;
    this.contents = new KojiModuleContents(composer, defaults);
  }

  @Override
  public SourceType type() {
    return SourceType.MODULE;
  }

  @Override
  public void validate(ComposeSpec spec) throws InvalidSourceRequest {
    if (!SpaceJoined.items(spec.packages()).isEmpty()) {
      throw new InvalidSourceRequest("Exact packages cannot be set for MODULE source type.");
    }
    List<String> items = SpaceJoined.items(SpaceJoined.of(spec.source()));
    if (items.isEmpty() && SpaceJoined.items(spec.scratchModules()).isEmpty()) {
      throw new InvalidSourceRequest(
          "\"source\" must name at least one module for a module compose");
    }
    for (String item : items) {
      try {
        Nsvc.parse(item);
      } catch (IllegalArgumentException e) {
        throw new InvalidSourceRequest(e.getMessage());
      }
    }
    ScratchModules.validate(spec);
    String[] defaultsRepo = defaultsRepository(spec);
    if (defaultsRepo != null && !defaults.allowed(defaultsRepo[0])) {
      throw new InvalidSourceRequest(
          "\"module_defaults_url\" " + defaultsRepo[0] + " is not an allowed git URL");
    }
  }

  /** {@code [url, commit]} of the request's module defaults, or null. */
  static String[] defaultsRepository(ComposeSpec spec) {
    String joined = spec.moduleDefaultsUrl();
    if (joined == null || joined.isBlank()) {
      return null;
    }
    String[] parts = joined.trim().split("\\s+");
    return parts.length == 2 ? parts : new String[] {joined.trim(), "master"};
  }

  @Override
  public Resolution resolve(ComposeSpec spec, SourceLog log) throws SourceFailure {
    List<String> modularTags = SpaceJoined.items(spec.modularKojiTags());
    MbsClient client = new MbsClient(mbs);
    long start = System.nanoTime();
    ComposeSpec resolved;
    List<ResolvedModule> modules;
    if (!modularTags.isEmpty()) {
      long event;
      try {
        event = spec.kojiEvent() != null ? spec.kojiEvent() : composer.koji().lastEvent().id();
      } catch (KojiException e) {
        throw new SourceFailure(e.getMessage(), e);
      }
      modules = new ArrayList<>(fromModularTags(spec.source(), modularTags, event));
      String source = ModuleResolver.source(modules);
      log.info(
          "Koji: "
              + spec.source()
              + " resolved to "
              + source
              + " from the modular tags "
              + String.join(", ", modularTags)
              + " at event "
              + event);
      resolved = spec.toBuilder().source(source).kojiEvent(event).build();
    } else {
      modules =
          new ArrayList<>(
              new ModuleResolver(client)
                  .resolve(
                      new ModuleRequest(
                          nsvcs(spec.source()),
                          spec.hasFlag(ComposeFlag.INCLUDE_DONE_MODULES),
                          !spec.hasFlag(ComposeFlag.NO_DEPS),
                          new BaseModuleFilter(
                              spec.baseModuleBrName(),
                              spec.baseModuleBrStream(),
                              spec.baseModuleBrStreamVersionLte(),
                              spec.baseModuleBrStreamVersionGte()),
                          baseModuleNames)));
      resolved = spec.toBuilder().source(ModuleResolver.source(modules)).build();
    }
    List<ResolvedModule> scratch = scratch(client, spec, modules);
    modules.addAll(scratch);
    if (client.requests() > 0) {
      boolean fromMbs = modularTags.isEmpty() && !nsvcs(spec.source()).isEmpty();
      log.info(
          "MBS: "
              + (fromMbs ? spec.source() + " resolved to " + resolved.source() : "")
              + (scratch.isEmpty() ? "" : fromMbs ? ", scratch modules " : "scratch modules ")
              + ModuleResolver.source(scratch)
              + " ("
              + client.requests()
              + " requests, "
              + (System.nanoTime() - start) / 1_000_000
              + " ms)");
    }
    // The builds are looked up here once: opening the content takes them from here.
    resolvedModules.remember(resolved, modules);
    String source = resolved.source();
    return new Resolution(resolved, () -> "modules " + source);
  }

  /**
   * The compose's scratch modules from MBS (one query each), less those the resolution found
   * already; none without {@code scratch_modules}.
   */
  private static List<ResolvedModule> scratch(
      MbsClient client, ComposeSpec spec, List<ResolvedModule> resolved) throws SourceFailure {
    List<Nsvc> items = nsvcs(SpaceJoined.text(spec.scratchModules()));
    if (items.isEmpty()) {
      return List.of();
    }
    Set<Nsvc> have = new java.util.HashSet<>();
    resolved.forEach(m -> have.add(m.nsvc()));
    return new ModuleResolver(client)
        .scratch(items.stream().filter(n -> !have.contains(n)).toList());
  }

  /** The modules {@code source} names as the modular tags hold them at {@code event}. */
  private List<ResolvedModule> fromModularTags(String source, List<String> modularTags, long event)
      throws SourceFailure {
    if (nsvcs(source).isEmpty()) {
      return List.of();
    }
    List<KojiModuleBuild> chosen;
    try {
      chosen =
          KojiModularTags.select(
              new KojiModularTags(composer.koji()).tagged(modularTags, event),
              nsvcs(source),
              modularTags);
    } catch (KojiNotFound | KojiException e) {
      throw new SourceFailure(e.getMessage(), e);
    }
    return KojiModuleContents.resolvedFromKoji(chosen);
  }

  @Override
  public PackageContent open(ComposeSpec resolved, SourceLog log, LookasideRepos lookaside)
      throws SourceFailure {
    Optional<List<ResolvedModule>> remembered = resolvedModules.take(resolved);
    List<ResolvedModule> modules =
        remembered.isPresent() ? remembered.get() : lookUpAgain(resolved, log);
    return contents.open(resolved, modules, log, lookaside);
  }

  /**
   * The builds of a resolution this instance does not remember (resolved elsewhere or before a
   * restart): the source holds exact N:S:V:C builds now, each looked up as it is, nothing added.
   */
  private List<ResolvedModule> lookUpAgain(ComposeSpec resolved, SourceLog log)
      throws SourceFailure {
    List<String> modularTags = SpaceJoined.items(resolved.modularKojiTags());
    MbsClient client = new MbsClient(mbs);
    List<ResolvedModule> modules =
        new ArrayList<>(
            !modularTags.isEmpty()
                ? fromModularTags(resolved.source(), modularTags, resolved.kojiEvent())
                : new ModuleResolver(client)
                    .resolve(
                        new ModuleRequest(
                            nsvcs(resolved.source()),
                            true,
                            false,
                            BaseModuleFilter.NONE,
                            baseModuleNames)));
    modules.addAll(scratch(client, resolved, modules));
    log.info("Modules looked up again: " + client.requests() + " MBS requests");
    return modules;
  }

  static List<Nsvc> nsvcs(String source) throws SourceFailure {
    List<Nsvc> nsvcs = new ArrayList<>();
    for (String item : SpaceJoined.items(SpaceJoined.of(source))) {
      try {
        nsvcs.add(Nsvc.parse(item));
      } catch (IllegalArgumentException e) {
        throw new SourceFailure(e.getMessage());
      }
    }
    return nsvcs;
  }
}
