package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the package set of a {@code tag} or {@code build} compose from Koji.
 *
 * <ul>
 *   <li>{@code tag}: the tag's latest build of each package at the event, with inheritance unless
 *       the request has {@code no_inheritance} ({@code listTaggedRPMS(tag, event, inherit,
 *       latest=True)}).
 *   <li>{@code builds} on top ({@code getBuild} + {@code listRPMs}, batched): a requested build
 *       replaces the tag's build of the same package, whichever is newer — as Pungi's {@code
 *       pkgset_koji_builds} does: the user asked for that build. For a {@code build} compose they
 *       are the whole set.
 *   <li>{@code scratch_build_tasks} ({@code getTaskChildren}, then {@code getTaskResult} of each
 *       child, as Pungi's {@code pkgset_koji_scratch_tasks}): the RPMs the tasks uploaded. They
 *       replace the builds of the same source package (named by the task's SRPM; without one, the
 *       same binary names): a scratch build is how a user tries a change to a tagged package.
 * </ul>
 */
public final class KojiPackageSetReader {
  private final KojiQueries koji;

  public KojiPackageSetReader(KojiQueries koji) {
    this.koji = koji;
  }

  /**
   * @throws KojiNotFound for an unknown tag or build, or an unusable task
   */
  public KojiPackageSet ofTag(
      String tag, long event, boolean inherit, List<String> builds, List<Long> scratchTasks) {
    KojiTaggedRpms tagged;
    try {
      tagged = koji.taggedRpms(tag, event, inherit, true, null, null);
    } catch (KojiFault f) {
      if (f.faultString() != null && f.faultString().startsWith("No such tagInfo")) {
        throw KojiNotFound.tag(tag);
      }
      throw f;
    }
    return ofTag(tagged, builds, scratchTasks);
  }

  /**
   * The package set of a tag compose from the tag's listing, already read ({@link
   * KojiTagListings}).
   *
   * @throws KojiNotFound for an unknown build or an unusable task
   */
  public KojiPackageSet ofTag(KojiTaggedRpms tagged, List<String> builds, List<Long> scratchTasks) {
    return withScratchTasks(withBuilds(withTheirBuilds(tagged), builds), scratchTasks);
  }

  /** Each tagged RPM with its build, as {@code listTaggedRPMS} answers both. */
  private static List<KojiBuildRpm> withTheirBuilds(KojiTaggedRpms tagged) {
    Map<Long, KojiBuild> byId = new LinkedHashMap<>();
    tagged.builds().forEach(b -> byId.putIfAbsent(b.id(), b));
    List<KojiBuildRpm> rpms = new ArrayList<>();
    for (KojiRpm rpm : tagged.rpms()) {
      KojiBuild build = byId.get(rpm.buildId());
      if (build == null) {
        throw new KojiException(
            "listTaggedRPMS", "RPM " + rpm.nvra() + " of an unlisted build " + rpm.buildId(), null);
      }
      rpms.add(new KojiBuildRpm(build, rpm));
    }
    return rpms;
  }

  /**
   * Every RPM tagged in a module's own tag (no inheritance, every build, as Pungi reads module
   * tags); which of them belong to the module is the module source's choice.
   *
   * @throws KojiNotFound for an unknown tag
   */
  public KojiPackageSet ofModuleTag(String tag) {
    KojiTaggedRpms tagged;
    try {
      tagged = koji.taggedRpms(tag, null, false, false, null, null);
    } catch (KojiFault f) {
      if (f.faultString() != null && f.faultString().startsWith("No such tagInfo")) {
        throw KojiNotFound.tag(tag);
      }
      throw f;
    }
    return new KojiPackageSet(withTheirBuilds(tagged), List.of());
  }

  /**
   * @throws KojiNotFound for an unknown build or an unusable task
   */
  public KojiPackageSet ofBuilds(List<String> builds, List<Long> scratchTasks) {
    return withScratchTasks(withBuilds(List.of(), builds), scratchTasks);
  }

  private List<KojiBuildRpm> withBuilds(List<KojiBuildRpm> base, List<String> nvrs) {
    if (nvrs == null || nvrs.isEmpty()) {
      return base;
    }
    Map<String, Optional<KojiBuild>> found = koji.builds(new LinkedHashSet<>(nvrs));
    List<String> unknown =
        found.entrySet().stream()
            .filter(e -> e.getValue().isEmpty())
            .map(Map.Entry::getKey)
            .toList();
    if (!unknown.isEmpty()) {
      throw KojiNotFound.builds(unknown);
    }
    Map<Long, KojiBuild> extra = new LinkedHashMap<>();
    found.values().forEach(b -> extra.putIfAbsent(b.get().id(), b.get()));
    Set<String> replaced = new LinkedHashSet<>();
    extra.values().forEach(b -> replaced.add(b.packageName()));
    List<KojiBuildRpm> rpms = new ArrayList<>();
    for (KojiBuildRpm r : base) {
      if (!replaced.contains(r.build().packageName())) {
        rpms.add(r);
      }
    }
    koji.rpmsOfBuilds(extra.keySet())
        .forEach((id, list) -> list.forEach(rpm -> rpms.add(new KojiBuildRpm(extra.get(id), rpm))));
    return rpms;
  }

  private KojiPackageSet withScratchTasks(List<KojiBuildRpm> base, List<Long> taskIds) {
    if (taskIds == null || taskIds.isEmpty()) {
      return new KojiPackageSet(base, List.of());
    }
    List<KojiTaskRpm> taskRpms = new ArrayList<>();
    Set<String> replacedSources = new LinkedHashSet<>();
    Set<String> replacedBinaries = new LinkedHashSet<>();
    for (var entry : koji.taskChildren(new LinkedHashSet<>(taskIds)).entrySet()) {
      List<KojiTaskRpm> rpms = taskRpms(entry.getKey(), entry.getValue());
      rpms.stream().filter(KojiTaskRpm::isSource).forEach(r -> replacedSources.add(r.name()));
      rpms.stream().filter(r -> !r.isSource()).forEach(r -> replacedBinaries.add(r.name()));
      taskRpms.addAll(rpms);
    }
    List<KojiBuildRpm> kept = new ArrayList<>();
    for (KojiBuildRpm r : base) {
      if (!replacedSources.contains(r.build().packageName())
          && !replacedBinaries.contains(r.rpm().name())) {
        kept.add(r);
      }
    }
    return new KojiPackageSet(kept, taskRpms);
  }

  /** The RPMs the finished children of a scratch-build task uploaded. */
  private List<KojiTaskRpm> taskRpms(long taskId, List<KojiTask> children) {
    if (children.isEmpty()) {
      throw KojiNotFound.task(taskId, "has no subtasks: it is not the task of a scratch build");
    }
    for (KojiTask child : children) {
      if (child.state() != KojiTask.CLOSED) {
        throw KojiNotFound.task(
            taskId,
            "did not succeed: its "
                + child.method()
                + " task "
                + child.id()
                + " is "
                + child.stateName());
      }
    }
    List<KojiTaskRpm> rpms = new ArrayList<>();
    for (KojiTaskOutput output :
        koji.taskOutputs(children.stream().map(KojiTask::id).toList()).values()) {
      List<String> paths = new ArrayList<>(output.rpms());
      paths.addAll(output.srpms());
      for (String path : paths) {
        try {
          rpms.add(KojiTaskRpm.parse(output.taskId(), path));
        } catch (IllegalArgumentException e) {
          throw KojiNotFound.task(taskId, "lists an unusable file: " + e.getMessage());
        }
      }
    }
    if (rpms.isEmpty()) {
      throw KojiNotFound.task(taskId, "uploaded no RPMs");
    }
    return rpms;
  }
}
