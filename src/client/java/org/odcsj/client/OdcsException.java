package org.odcsj.client;

/**
 * The server refused a request or could not be reached. {@link #status()} is the HTTP status of the
 * ODCS error envelope ({@code {"status", "error", "message"}}), or 0 when no answer came.
 */
public class OdcsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;
  private final String errorId;

  public OdcsException(int status, String error, String message, String errorId) {
    super(message);
    this.status = status;
    this.error = error;
    this.errorId = errorId;
  }

  public OdcsException(String message, Throwable cause) {
    super(message, cause);
    this.status = 0;
    this.error = null;
    this.errorId = null;
  }

  /** The HTTP status, 0 when the server could not be reached. */
  public int status() {
    return status;
  }

  /** The envelope's {@code error} (the reason phrase, e.g. {@code Bad Request}), or null. */
  public String error() {
    return error;
  }

  /** The {@code X-Error-Id} of a 500, to find the server log entry; null otherwise. */
  public String errorId() {
    return errorId;
  }
}
