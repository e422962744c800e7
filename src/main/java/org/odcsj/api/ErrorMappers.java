package org.odcsj.api;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Turns every failure into the ODCS error envelope; a stack trace never reaches a client. */
final class ErrorMappers {

  private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

  private ErrorMappers() {}

  @Provider
  public static class ApiExceptionMapper implements ExceptionMapper<ApiException> {
    @Override
    public Response toResponse(ApiException e) {
      return ErrorEnvelope.of(e.status(), e.getMessage());
    }
  }

  @Provider
  public static class AuthenticationMapper
      implements ExceptionMapper<org.odcsj.security.AuthenticationException> {
    @Override
    public Response toResponse(org.odcsj.security.AuthenticationException e) {
      Response response = ErrorEnvelope.of(Response.Status.UNAUTHORIZED, e.getMessage());
      return e.challenge() == null
          ? response
          : Response.fromResponse(response).header("WWW-Authenticate", e.challenge()).build();
    }
  }

  @Provider
  public static class ForbiddenMapper
      implements ExceptionMapper<org.odcsj.security.ForbiddenException> {
    @Override
    public Response toResponse(org.odcsj.security.ForbiddenException e) {
      return ErrorEnvelope.of(Response.Status.FORBIDDEN, e.getMessage());
    }
  }

  @Provider
  public static class RefusedMapper
      implements ExceptionMapper<org.odcsj.compose.ComposeOperationRefused> {
    @Override
    public Response toResponse(org.odcsj.compose.ComposeOperationRefused e) {
      Response.Status status =
          switch (e.reason()) {
            case NOT_FOUND -> Response.Status.NOT_FOUND;
            case FORBIDDEN -> Response.Status.FORBIDDEN;
            case WRONG_STATE -> Response.Status.BAD_REQUEST;
          };
      return ErrorEnvelope.of(status, e.getMessage());
    }
  }

  /** Framework errors: unknown route → 404, wrong method → 405 (not the reference's 500). */
  @Provider
  public static class WebApplicationExceptionMapper
      implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      Response.StatusType status = e.getResponse().getStatusInfo();
      String message =
          switch (status.getStatusCode()) {
            case 404 -> "The requested URL was not found on the server.";
            case 405 -> "The method is not allowed for the requested URL.";
            default -> status.getReasonPhrase();
          };
      return ErrorEnvelope.of(status, message);
    }
  }

  @Provider
  public static class UnexpectedExceptionMapper implements ExceptionMapper<Exception> {
    @Override
    public Response toResponse(Exception e) {
      LOG.log(Level.SEVERE, "Unexpected error while serving a request", e);
      return ErrorEnvelope.of(
          Response.Status.INTERNAL_SERVER_ERROR, "Internal error; the server log has the details.");
    }
  }
}
