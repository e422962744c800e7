package org.odcsj.compose;

/**
 * Fired synchronously, inside the transaction, after a compose was created or changed state: its
 * observers (the state-change publisher) join that transaction, so an event leaves the service only
 * when the change commits.
 */
public record ComposeStateChanged(Compose compose) {}
