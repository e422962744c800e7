package org.odcsj.generation;

/** A failure the user can act on; its message becomes the compose's state_reason. */
public class GenerationException extends Exception {
  public GenerationException(String message) {
    super(message);
  }

  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
