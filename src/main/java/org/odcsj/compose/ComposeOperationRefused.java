package org.odcsj.compose;

import jakarta.ejb.ApplicationException;

/**
 * A lifecycle operation that cannot be done on this compose; {@link #reason()} tells the API which
 * status to answer with, the message is the user-facing text.
 */
@ApplicationException(rollback = true)
public class ComposeOperationRefused extends RuntimeException {

  /** Why the operation was refused. */
  public enum Reason {
    NOT_FOUND,
    FORBIDDEN,
    WRONG_STATE
  }

  private final Reason reason;

  public ComposeOperationRefused(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
