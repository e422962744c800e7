package org.odcsj.source.koji.pungicompose;

/**
 * A {@code pungi_compose} source cannot be used: refused, unreachable, or not productmd metadata
 * with the variant. The message is a sentence for the compose's {@code state_reason}.
 */
public final class PungiComposeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PungiComposeException(String message) {
    super(message);
  }

  public PungiComposeException(String message, Throwable cause) {
    super(message, cause);
  }
}
