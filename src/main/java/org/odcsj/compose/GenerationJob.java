package org.odcsj.compose;

import java.util.List;

/**
 * What a worker needs to generate one compose: its spec (immutable, so safe to hand out of the
 * transaction), the exact packages of a regeneration, and the number of this generation attempt
 * (shown when the outcome is recorded, so a superseded attempt cannot overwrite a later one), and
 * the Pungi configuration dump a regenerated raw_config compose runs again (null: none).
 */
public record GenerationJob(
    long composeId,
    ComposeSpec spec,
    List<String> pinnedPackages,
    int attempt,
    String pungiConfigDump) {

  /** A job of a compose without a stored Pungi configuration dump. */
  public GenerationJob(long composeId, ComposeSpec spec, List<String> pinnedPackages, int attempt) {
    this(composeId, spec, pinnedPackages, attempt, null);
  }

  public SourceType sourceType() {
    return spec.sourceType();
  }

  public boolean hasFlag(ComposeFlag flag) {
    return spec.hasFlag(flag);
  }

  public List<String> arches() {
    return SpaceJoined.items(spec.arches());
  }

  /** True when the compose must contain exactly {@link #pinnedPackages} (a regeneration). */
  public boolean pinned() {
    return !pinnedPackages.isEmpty();
  }

  static GenerationJob of(Compose c, List<String> pinnedPackages) {
    return new GenerationJob(
        c.getId(), c.spec(), pinnedPackages, c.getGenerationAttempts(), c.getPungiConfigDump());
  }
}
