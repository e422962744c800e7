package org.odcsj.generation;

import java.util.List;
import org.odcsj.compose.ComposeSpec;

/**
 * What a build resolved and wrote, recorded with the compose when it is done: the request as
 * composed (e.g. the source's revision as Koji event), the source's fingerprint (reuse), the {@code
 * <arch> <nevra>} list (regenerate), and the productmd compose id.
 */
public record BuiltCompose(
    ComposeSpec resolvedSpec,
    String sourceFingerprint,
    int packageCount,
    List<String> archNevras,
    String pungiComposeId) {}
