package org.odcsj.compose;

import java.time.Instant;

/**
 * A validated request for a compose, as the API hands it to {@link ComposeLifecycle}. List-like
 * fields are already space-joined the way ODCS stores them.
 */
public record NewCompose(
    String owner,
    SourceType sourceType,
    String source,
    String packages,
    String builds,
    String sigkeys,
    Long kojiEvent,
    int flags,
    int results,
    String arches,
    String multilibArches,
    int multilibMethod,
    String lookasideRepos,
    String label,
    String composeType,
    String targetDir,
    Instant timeSubmitted,
    Instant timeToExpire) {}
