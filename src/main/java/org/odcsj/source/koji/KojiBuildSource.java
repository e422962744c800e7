package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.List;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.source.InvalidSourceRequest;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.PackageContent;
import org.odcsj.source.PackageSource;
import org.odcsj.source.Resolution;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;

/**
 * The {@code build} source: only the listed Koji builds (all their RPMs, or those named in {@code
 * packages}, plus dependencies) and the RPMs of {@code scratch_build_tasks}. Builds never change,
 * so equal requests reuse each other.
 */
final class KojiBuildSource implements PackageSource {

  private final KojiComposer composer;

  KojiBuildSource(KojiComposer composer) {
    this.composer = composer;
  }

  @Override
  public SourceType type() {
    return SourceType.BUILD;
  }

  @Override
  public void validate(ComposeSpec spec) throws InvalidSourceRequest {
    if (SpaceJoined.items(spec.builds()).isEmpty() && scratchTasks(spec).isEmpty()) {
      throw new InvalidSourceRequest(
          "\"builds\" must be set for a build compose (or \"scratch_build_tasks\")");
    }
    checkScratchTasks(spec);
  }

  @Override
  public Resolution resolve(ComposeSpec spec, SourceLog log) {
    return new Resolution(spec, () -> "koji-builds");
  }

  @Override
  public PackageContent open(ComposeSpec resolved, SourceLog log, LookasideRepos lookaside)
      throws SourceFailure {
    KojiPackageSet set;
    try {
      set =
          new KojiPackageSetReader(composer.koji())
              .ofBuilds(SpaceJoined.items(resolved.builds()), scratchTasks(resolved));
    } catch (KojiNotFound | KojiException e) {
      throw new SourceFailure(e.getMessage(), e);
    }
    return composer.content(resolved, set, "koji-builds", log, lookaside);
  }

  static void checkScratchTasks(ComposeSpec spec) throws InvalidSourceRequest {
    for (String task : SpaceJoined.items(spec.scratchBuildTasks())) {
      if (!task.matches("[0-9]{1,18}")) {
        throw new InvalidSourceRequest(
            "\"scratch_build_tasks\" must list Koji task ids, not \"" + task + "\"");
      }
    }
  }

  static List<Long> scratchTasks(ComposeSpec spec) {
    List<Long> ids = new ArrayList<>();
    for (String task : SpaceJoined.items(spec.scratchBuildTasks())) {
      if (task.matches("[0-9]{1,18}")) {
        ids.add(Long.valueOf(task));
      }
    }
    return ids;
  }
}
