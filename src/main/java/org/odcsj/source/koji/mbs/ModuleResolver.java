package org.odcsj.source.koji.mbs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.odcsj.modulemd.ModuleStream;
import org.odcsj.modulemd.ModulemdException;
import org.odcsj.modulemd.Nsvc;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.koji.mbs.MbsQuery.BaseModuleFilter;

/**
 * Resolves a {@code module} compose's modules through MBS as ODCS does: each requested item to the
 * newest matching version with all its contexts ({@code ready}, or also {@code done} with {@code
 * include_done_modules} or a full {@code N:S:V:C}); a {@code -devel} name MBS does not know to its
 * module's build, renamed and requiring that module; two versions of one {@code N:S} are a
 * conflict; then, unless {@code no_deps}, every run-time module requirement that is no base module
 * is added (newest {@code ready} build of that {@code N:S}), recursively. Base modules are dropped
 * from the result. Scratch builds ({@code scratch_modules}) are looked up as they are named, one
 * exact {@code N:S:V:C} each, and nothing is added for them.
 */
public final class ModuleResolver {

  /** MBS stream versions carry the major version in the ten-thousands (f39 = 390000). */
  private static final long STREAM_VERSION_MAJOR = 10_000;

  private final MbsClient mbs;

  public ModuleResolver(MbsClient mbs) {
    this.mbs = mbs;
  }

  /** The compose's modules in resolution order (requested first, then dependencies). */
  public List<ResolvedModule> resolve(ModuleRequest request) throws SourceFailure {
    List<ResolvedModule> specified = new ArrayList<>();
    for (Nsvc item : request.modules()) {
      boolean includeDone = request.includeDone() || item.complete();
      specified.addAll(newest(item.toString(), includeDone, request.base()));
    }
    Map<String, List<ResolvedModule>> byNameStream = new LinkedHashMap<>();
    List<ResolvedModule> modules = new ArrayList<>();
    for (ResolvedModule module : specified) {
      List<ResolvedModule> same =
          byNameStream.computeIfAbsent(module.nameStream(), k -> new ArrayList<>());
      if (!same.isEmpty()) {
        ResolvedModule first = same.get(0);
        if (first.build().version() != module.build().version()) {
          throw new SourceFailure(module.nsvc() + " conflicts with " + first.nsvc());
        }
        if (same.stream().anyMatch(m -> m.build().context().equals(module.build().context()))) {
          continue;
        }
      }
      same.add(module);
      modules.add(module);
    }
    if (request.withDependencies()) {
      List<ResolvedModule> added = modules;
      while (!added.isEmpty()) {
        added = dependencies(added, byNameStream, request.baseModuleNames());
        modules.addAll(added);
      }
    }
    List<ResolvedModule> result = new ArrayList<>();
    for (ResolvedModule module : modules) {
      if (!request.baseModuleNames().contains(module.build().name())) {
        result.add(module);
      }
    }
    return result;
  }

  /**
   * The scratch builds {@code scratch_modules} names, one query each: {@code scratch=True}, {@code
   * ready} or {@code done} (a scratch build stays {@code done}). Their modulemd is MBS's; their
   * dependencies are not added (as Pungi adds scratch modules to a compose).
   */
  public List<ResolvedModule> scratch(List<Nsvc> items) throws SourceFailure {
    Set<Integer> states = Set.of(MbsModuleBuild.STATE_DONE, MbsModuleBuild.STATE_READY);
    List<ResolvedModule> found = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (Nsvc item : items) {
      if (!item.complete()) {
        throw new SourceFailure("Scratch module " + item + " is not N:S:V:C");
      }
      if (!seen.add(item.toString())) {
        continue;
      }
      List<MbsModuleBuild> builds =
          mbs
              .newestVersion(new MbsQuery(item.toString(), states, BaseModuleFilter.NONE, true))
              .stream()
              .filter(MbsModuleBuild::scratch)
              .filter(b -> b.nsvc().equals(item))
              .toList();
      if (builds.isEmpty()) {
        throw new SourceFailure(
            "Failed to find scratch module " + item + " in ready or done state in the MBS.");
      }
      MbsModuleBuild build = builds.get(0);
      found.add(new ResolvedModule(build, modulemd(build), false));
    }
    return found;
  }

  /** The sorted {@code N:S:V:C} list a resolved compose's {@code source} becomes. */
  public static String source(List<ResolvedModule> modules) {
    return String.join(
        " ",
        modules.stream()
            .map(m -> m.nsvc().toString())
            .distinct()
            .sorted(Comparator.naturalOrder())
            .toList());
  }

  private List<ResolvedModule> dependencies(
      List<ResolvedModule> modules,
      Map<String, List<ResolvedModule>> byNameStream,
      Set<String> baseModuleNames)
      throws SourceFailure {
    List<ResolvedModule> added = new ArrayList<>();
    for (ResolvedModule module : modules) {
      for (Map.Entry<String, List<String>> requires :
          module.modulemd().runtimeRequires().entrySet()) {
        if (baseModuleNames.contains(requires.getKey())) {
          continue;
        }
        for (String stream : requires.getValue()) {
          String key = requires.getKey() + ":" + stream;
          if (byNameStream.containsKey(key)) {
            continue;
          }
          List<ResolvedModule> found = newest(key, false, builtAgainstSameBase(module));
          byNameStream.put(key, new ArrayList<>(found));
          added.addAll(found);
        }
      }
    }
    return added;
  }

  /**
   * A dependency must be built against the requiring module's base module: the same name, a stream
   * version of the same major version and not newer than its own.
   */
  private static BaseModuleFilter builtAgainstSameBase(ResolvedModule module) {
    for (MbsModuleBuild.BaseModule base : module.build().baseModules()) {
      if (base.name() == null) {
        continue;
      }
      if (base.streamVersion() == null) {
        return new BaseModuleFilter(base.name(), base.stream(), null, null);
      }
      long version = base.streamVersion();
      return new BaseModuleFilter(
          base.name(), null, version, version / STREAM_VERSION_MAJOR * STREAM_VERSION_MAJOR);
    }
    return BaseModuleFilter.NONE;
  }

  private List<ResolvedModule> newest(String item, boolean includeDone, BaseModuleFilter base)
      throws SourceFailure {
    Set<Integer> states =
        includeDone
            ? Set.of(MbsModuleBuild.STATE_DONE, MbsModuleBuild.STATE_READY)
            : Set.of(MbsModuleBuild.STATE_READY);
    MbsQuery query = new MbsQuery(item, states, base);
    List<MbsModuleBuild> builds = mbs.newestVersion(query);
    boolean devel = false;
    String name = item.split(":", 2)[0];
    if (builds.isEmpty() && name.endsWith("-devel")) {
      // A -devel module is no MBS build: it is its module's build, holding what that one filtered
      // out; MBS knows it by the module's own name.
      String module = name.substring(0, name.length() - "-devel".length());
      builds = mbs.newestVersion(query.forNsvc(module + item.substring(name.length())));
      devel = true;
    }
    if (builds.isEmpty()) {
      throw new SourceFailure(
          "Failed to find module "
              + item
              + " in "
              + (includeDone ? "ready or done" : "ready")
              + " state in the MBS.");
    }
    List<ResolvedModule> resolved = new ArrayList<>();
    for (MbsModuleBuild build : builds) {
      ModuleStream modulemd = modulemd(build);
      if (devel) {
        String develName = build.name() + "-devel";
        modulemd = modulemd.withName(develName).withRuntimeRequire(build.name(), build.stream());
        build = build.renamed(develName, build.modulemd());
      }
      resolved.add(new ResolvedModule(build, modulemd, devel));
    }
    return resolved;
  }

  private static ModuleStream modulemd(MbsModuleBuild build) throws SourceFailure {
    if (build.modulemd() == null) {
      throw new SourceFailure("MBS sent module " + build.nsvc() + " without its modulemd");
    }
    try {
      return ModuleStream.parse(build.modulemd());
    } catch (ModulemdException e) {
      throw new SourceFailure(
          "The modulemd of module " + build.nsvc() + " from MBS is invalid: " + e.getMessage());
    }
  }
}
