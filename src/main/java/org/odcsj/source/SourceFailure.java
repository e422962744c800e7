package org.odcsj.source;

/** A failure the user can act on; its message becomes the compose's state_reason. */
public class SourceFailure extends Exception {

  public SourceFailure(String message) {
    super(message);
  }

  public SourceFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The innermost message of {@code e}'s cause chain: libraries wrap what went wrong (JGit's
   * "Invalid remote: origin" around "…: not found."), and the innermost message is the one a user
   * or an operator can act on.
   */
  public static String innermostMessage(Throwable e) {
    String message = e.getMessage();
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      if (cause.getMessage() != null && !cause.getMessage().isBlank()) {
        message = cause.getMessage();
      }
    }
    return message;
  }
}
