package org.odcsj.client;

import java.time.Duration;

/** A compose did not reach a final state in time; {@link #last()} is how it was seen last. */
public class ComposeWaitTimeout extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient Compose last;

  public ComposeWaitTimeout(Compose last, Duration timeout) {
    super(
        "Retrieving ODCS compose "
            + last.id()
            + " timed out after "
            + timeout.toSeconds()
            + " seconds");
    this.last = last;
  }

  public Compose last() {
    return last;
  }
}
