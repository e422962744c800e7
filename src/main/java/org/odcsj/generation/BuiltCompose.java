package org.odcsj.generation;

import java.util.List;
import org.odcsj.compose.ComposeSpec;

/**
 * What a build resolved and wrote, recorded with the compose when it is done: the request as
 * composed (e.g. the source's revision as Koji event), the source's fingerprint (reuse), the {@code
 * <arch> <nevra>} list (regenerate), the productmd compose id, and the Pungi configuration a
 * regeneration reuses (raw_config; else null).
 */
public record BuiltCompose(
    ComposeSpec resolvedSpec,
    String sourceFingerprint,
    int packageCount,
    List<String> archNevras,
    String pungiComposeId,
    String pungiConfigDump) {

  public BuiltCompose(
      ComposeSpec resolvedSpec,
      String sourceFingerprint,
      int packageCount,
      List<String> archNevras,
      String pungiComposeId) {
    this(resolvedSpec, sourceFingerprint, packageCount, archNevras, pungiComposeId, null);
  }
}
