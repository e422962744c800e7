package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.modulemd.ModuleStream;
import org.odcsj.modulemd.ModulemdException;
import org.odcsj.selection.Nevra;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;
import org.odcsj.source.koji.mbs.MbsModuleBuild;
import org.odcsj.source.koji.mbs.ResolvedModule;

/**
 * The content of resolved modules, for a {@code module} compose or the modular part of a {@code
 * tag} compose: each module's RPMs from its Koji tag (its artifacts; a {@code -devel} module what
 * its module left out), their signed copies and metadata, the modulemd and the request's defaults.
 */
final class KojiModuleContents {

  private final KojiComposer composer;
  private final ModuleDefaultsRepository defaults;

  KojiModuleContents(KojiComposer composer, ModuleDefaultsRepository defaults) {
    this.composer = composer;
    this.defaults = defaults;
  }

  KojiModuleContent open(
      ComposeSpec resolved, List<ResolvedModule> modules, SourceLog log, LookasideRepos lookaside)
      throws SourceFailure {
    Map<Long, KojiBuildRpm> rpms = new LinkedHashMap<>();
    List<ResolvedModule> withOwnArtifacts = new ArrayList<>();
    for (ResolvedModule module : modules) {
      List<KojiBuildRpm> content = contentOf(module);
      content.forEach(r -> rpms.putIfAbsent(r.rpm().id(), r));
      if (module.devel()) {
        List<String> artifacts = new ArrayList<>();
        content.forEach(r -> artifacts.add(artifact(r.rpm())));
        module =
            new ResolvedModule(
                module.build(), module.modulemd().withArtifacts(artifacts), module.devel());
      }
      withOwnArtifacts.add(module);
      log.info(
          "Module "
              + module.nsvc()
              + ": "
              + content.size()
              + " RPMs from Koji tag "
              + module.build().kojiTag());
    }
    KojiContent content =
        composer.content(
            resolved,
            new KojiPackageSet(new ArrayList<>(rpms.values()), List.of()),
            "modules " + resolved.source(),
            log,
            lookaside);
    List<org.odcsj.modulemd.ModuleDefaults> moduleDefaults = List.of();
    String[] defaultsRepo = KojiModuleSource.defaultsRepository(resolved);
    if (defaultsRepo != null) {
      Set<String> names = new HashSet<>();
      withOwnArtifacts.forEach(m -> names.add(m.build().name()));
      moduleDefaults = defaults.read(defaultsRepo[0], defaultsRepo[1], names);
      log.info(
          "Module defaults: "
              + moduleDefaults.size()
              + " from "
              + defaultsRepo[0]
              + " at "
              + defaultsRepo[1]);
    }
    return new KojiModuleContent(content, withOwnArtifacts, moduleDefaults);
  }

  /**
   * Every module the modular tags offer at {@code event}: per {@code N:S} (top-most tag) its newest
   * version with every context, as a hybrid {@code tag} compose adds them.
   */
  List<ResolvedModule> newestOfModularTags(List<String> tags, long event) throws SourceFailure {
    List<KojiModuleBuild> tagged;
    try {
      tagged = new KojiModularTags(composer.koji()).tagged(tags, event);
    } catch (KojiNotFound | KojiException e) {
      throw new SourceFailure(e.getMessage(), e);
    }
    Map<String, Long> newest = new LinkedHashMap<>();
    tagged.forEach(m -> newest.merge(m.nameStream(), m.version(), Math::max));
    List<KojiModuleBuild> chosen = new ArrayList<>();
    tagged.stream()
        .filter(m -> newest.get(m.nameStream()) == m.version())
        .sorted(
            Comparator.comparing(KojiModuleBuild::nameStream)
                .thenComparing(KojiModuleBuild::context))
        .forEach(chosen::add);
    return resolvedFromKoji(chosen);
  }

  /** Koji module builds described like MBS builds: their content tag is where their RPMs are. */
  static List<ResolvedModule> resolvedFromKoji(List<KojiModuleBuild> builds) throws SourceFailure {
    List<ResolvedModule> modules = new ArrayList<>();
    for (KojiModuleBuild m : builds) {
      ModuleStream modulemd;
      try {
        modulemd = ModuleStream.parse(m.modulemd());
      } catch (ModulemdException e) {
        throw new SourceFailure(
            "The modulemd of Koji module build "
                + m.nameStream()
                + " is invalid: "
                + e.getMessage());
      }
      modules.add(
          new ResolvedModule(
              new MbsModuleBuild(
                  m.id(),
                  m.name(),
                  m.stream(),
                  m.version(),
                  m.context(),
                  MbsModuleBuild.STATE_READY,
                  m.contentKojiTag(),
                  m.modulemd(),
                  List.of(),
                  false),
              modulemd,
              false));
    }
    return modules;
  }

  /**
   * The module's RPMs in its Koji tag: those its modulemd lists as artifacts, or, for a {@code
   * -devel} module, the binary RPMs of the tag its module does not list.
   */
  private List<KojiBuildRpm> contentOf(ResolvedModule module) throws SourceFailure {
    String tag = module.build().kojiTag();
    if (tag == null || tag.isEmpty()) {
      throw new SourceFailure("MBS names no Koji tag for module " + module.nsvc());
    }
    KojiPackageSet set;
    try {
      set = new KojiPackageSetReader(composer.koji()).ofModuleTag(tag);
    } catch (KojiNotFound | KojiException e) {
      throw new SourceFailure(
          "Cannot read Koji tag " + tag + " of module " + module.nsvc() + ": " + e.getMessage(), e);
    }
    Set<Nevra> artifacts = new HashSet<>();
    for (String artifact : module.modulemd().artifactRpms()) {
      try {
        artifacts.add(Nevra.parse(artifact));
      } catch (IllegalArgumentException e) {
        throw new SourceFailure(
            "Module " + module.nsvc() + " lists an artifact that is no NEVRA: " + artifact);
      }
    }
    List<KojiBuildRpm> content = new ArrayList<>();
    for (KojiBuildRpm rpm : set.rpms()) {
      boolean listed = artifacts.contains(nevra(rpm.rpm()));
      boolean binary = !rpm.rpm().arch().equals("src");
      if (module.devel() ? !listed && binary : listed) {
        content.add(rpm);
      }
    }
    return content;
  }

  static Nevra nevra(KojiRpm rpm) {
    return new Nevra(
        rpm.name(),
        rpm.epoch() == null ? 0 : rpm.epoch(),
        rpm.version(),
        rpm.release(),
        rpm.arch());
  }

  private static String artifact(KojiRpm rpm) {
    return rpm.name()
        + "-"
        + (rpm.epoch() == null ? 0 : rpm.epoch())
        + ":"
        + rpm.version()
        + "-"
        + rpm.release()
        + "."
        + rpm.arch();
  }
}
