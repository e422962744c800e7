package org.odcsj.source;

import org.odcsj.compose.ComposeSpec;

/**
 * What a {@link TreeSource} wrote.
 *
 * @param resolvedSpec the request as composed (e.g. {@code source}, {@code arches} or {@code
 *     sigkeys} rewritten to what was found), recorded on the compose
 * @param packageCount packages the compose offers (0 when unknown)
 * @param pungiComposeId the productmd compose id, or null
 * @param pungiConfigDump the configuration a regeneration must reuse, or null
 */
public record WrittenTree(
    ComposeSpec resolvedSpec, int packageCount, String pungiComposeId, String pungiConfigDump) {}
