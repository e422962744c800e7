package org.odcsj.api;

import jakarta.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code {"error": <reason phrase>, "message": <text>, "status": <code>}} as ODCS sends it. */
public final class ErrorEnvelope {

  private ErrorEnvelope() {}

  static Response of(Response.StatusType status, String message) {
    return Response.status(status.getStatusCode())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body(status.getStatusCode(), status.getReasonPhrase(), message))
        .build();
  }

  /** The envelope itself, for answers written outside JAX-RS (servlets and filters). */
  public static JsonObject body(int status, String error, String message) {
    return Jsonp.JSON
        .createObjectBuilder()
        .add("error", error)
        .add("message", message == null ? "" : message)
        .add("status", status)
        .build();
  }
}
