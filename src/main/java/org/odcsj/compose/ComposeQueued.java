package org.odcsj.compose;

/**
 * Fired synchronously inside the transaction that stored a compose in {@code wait}: the observer
 * that queues generation joins that transaction, so the row and the message commit together.
 */
public record ComposeQueued(long composeId) {}
