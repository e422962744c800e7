package org.odcsj.api;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code {"error": <reason phrase>, "message": <text>, "status": <code>}} as ODCS sends it. */
final class ErrorEnvelope {

  private ErrorEnvelope() {}

  static Response of(Response.StatusType status, String message) {
    var body =
        Jsonp.JSON
            .createObjectBuilder()
            .add("error", status.getReasonPhrase())
            .add("message", message == null ? "" : message)
            .add("status", status.getStatusCode())
            .build();
    return Response.status(status.getStatusCode())
        .type(MediaType.APPLICATION_JSON_TYPE)
        .entity(body)
        .build();
  }
}
