package org.odcsj.api;

import jakarta.ws.rs.core.Response;
import java.util.logging.Logger;
import org.odcsj.outage.DependencyOutage;

/**
 * The answer while the database or the broker is down: 503 with a {@code Retry-After} and a message
 * saying which one, never the driver's text. A request that fails this way changed nothing (its
 * transaction rolled back), so the client may simply send it again later.
 */
final class UnavailableAnswer {

  /** Seconds a client should wait before trying again. */
  static final int RETRY_AFTER_SECONDS = 30;

  private static final Logger LOG = Logger.getLogger(UnavailableAnswer.class.getName());

  private UnavailableAnswer() {}

  static Response of(DependencyOutage outage, String method, String path, Throwable error) {
    // Expected during an outage and possibly for every request: one line, no stack trace.
    LOG.warning(
        () ->
            outage.description()
                + ": "
                + method
                + " "
                + path
                + " answered 503 ("
                + rootCause(error)
                + ")");
    return Response.fromResponse(
            ErrorEnvelope.of(
                Response.Status.SERVICE_UNAVAILABLE,
                outage.description() + "; the request was not carried out. Try again later."))
        .header("Retry-After", RETRY_AFTER_SECONDS)
        .build();
  }

  // The driver's or client's own words, first line only: enough for an operator, no stack trace.
  private static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = String.valueOf(root);
    return text.lines().findFirst().orElse(text);
  }
}
