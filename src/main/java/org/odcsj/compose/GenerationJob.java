package org.odcsj.compose;

import java.util.Arrays;
import java.util.List;

/**
 * What a worker needs to generate one compose: a detached snapshot of the claimed row, with the
 * space-joined ODCS fields split into lists, and the number of this generation attempt (shown when
 * the outcome is recorded, so a superseded attempt cannot overwrite a later one).
 */
public record GenerationJob(
    long composeId,
    SourceType sourceType,
    String source,
    List<String> arches,
    String targetDir,
    List<String> packages,
    List<String> sigkeys,
    int flags,
    List<String> multilibArches,
    int multilibMethod,
    List<String> lookasideRepos,
    List<String> pinnedPackages,
    int attempt) {

  public boolean hasFlag(ComposeFlag flag) {
    return (flags & flag.bit()) != 0;
  }

  /** True when the compose must contain exactly {@link #pinnedPackages} (a regeneration). */
  public boolean pinned() {
    return !pinnedPackages.isEmpty();
  }

  static GenerationJob of(Compose c, List<String> pinnedPackages) {
    return new GenerationJob(
        c.getId(),
        c.sourceType(),
        c.getSource(),
        tokens(c.getArches()),
        c.getTargetDir(),
        tokens(c.getPackages()),
        sigkeys(c.getSigkeys()),
        c.getFlags(),
        tokens(c.getMultilibArches()),
        c.getMultilibMethod(),
        tokens(c.getLookasideRepos()),
        pinnedPackages,
        c.getGenerationAttempts());
  }

  private static List<String> tokens(String joined) {
    return joined == null
        ? List.of()
        : Arrays.stream(joined.split("\\s+")).filter(t -> !t.isEmpty()).toList();
  }

  // "123 " means ["123", ""]: the empty key allows unsigned packages and must survive the split.
  private static List<String> sigkeys(String joined) {
    return joined == null || joined.isEmpty() ? List.of() : List.of(joined.split(" ", -1));
  }
}
