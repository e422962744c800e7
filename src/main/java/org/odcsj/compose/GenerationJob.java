package org.odcsj.compose;

import java.util.Arrays;
import java.util.List;

/** What a worker needs to generate one compose: a detached snapshot of the claimed row. */
public record GenerationJob(
    long composeId, SourceType sourceType, String source, List<String> arches, String targetDir) {

  static GenerationJob of(Compose c) {
    List<String> arches =
        Arrays.stream(c.getArches().split("\\s+")).filter(a -> !a.isEmpty()).toList();
    return new GenerationJob(c.getId(), c.sourceType(), c.getSource(), arches, c.getTargetDir());
  }
}
