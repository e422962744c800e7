package org.odcsj.compose;

/**
 * A compose was stored by a submission and waits for its generation request to be dispatched
 * ({@link UndispatchedComposes}); observed after the submitting transaction commits.
 */
public record ComposeSubmitted(long composeId) {}
