package org.odcsj.source.koji;

/**
 * Koji could not answer a call: the hub unreachable or failing after the retries, or an answer that
 * is not XML-RPC. The message names the call and the cause and reads well as a compose's {@code
 * state_reason}, e.g. {@code Koji call getLastEvent failed: HTTP 503 after 4 attempts}.
 */
public class KojiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String method;

  public KojiException(String method, String detail, Throwable cause) {
    this(method, cause, "Koji call " + method + " failed: " + detail);
  }

  /** With the whole message given, for the subclasses that word it differently. */
  protected KojiException(String method, Throwable cause, String message) {
    super(message, cause);
    this.method = method;
  }

  /** The XML-RPC method that failed ({@code multiCall} for a whole batch). */
  public String method() {
    return method;
  }
}
