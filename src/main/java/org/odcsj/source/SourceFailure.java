package org.odcsj.source;

/** A failure the user can act on; its message becomes the compose's state_reason. */
public class SourceFailure extends Exception {

  public SourceFailure(String message) {
    super(message);
  }

  public SourceFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
