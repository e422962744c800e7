package org.odcsj.source.koji;

import java.util.List;

/**
 * The packages a {@code tag} or {@code build} compose chooses from: RPMs of Koji builds (the tag's
 * latest builds and the requested {@code builds}), and RPMs of {@code scratch_build_tasks}. All
 * arches, source and debuginfo packages included; choosing among them is the selection's job.
 */
public record KojiPackageSet(List<KojiBuildRpm> rpms, List<KojiTaskRpm> taskRpms) {
  public KojiPackageSet {
    rpms = List.copyOf(rpms);
    taskRpms = List.copyOf(taskRpms);
  }
}
