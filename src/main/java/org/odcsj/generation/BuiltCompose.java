package org.odcsj.generation;

import java.util.List;

/**
 * What a build resolved and wrote, recorded with the compose when it is done: the source's revision
 * as Koji event, its fingerprint (reuse), the {@code <arch> <nevra>} list (regenerate), and the
 * productmd compose id.
 */
public record BuiltCompose(
    Long kojiEvent,
    String sourceFingerprint,
    int packageCount,
    List<String> archNevras,
    String pungiComposeId) {}
