package org.odcsj.api;

import jakarta.ejb.EJBException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.Providers;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every error no other mapper claims. An error the container wrapped on its way out of an EJB
 * ({@link EJBException}) is unwrapped and answered as what it is (a {@code BadRequestException}
 * thrown in a query is still a 400). Anything else is a 500 whose message is the error's own text,
 * as ODCS answers — its first line, never a stack trace — and whose error id, in the {@value
 * #ERROR_ID} header, names the server log entry that has the details. An error caused by the
 * database or the broker being unreachable is a 503 instead ({@link UnavailableAnswer}).
 */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Exception> {

  /** Response header with the id of the log entry of a 500. */
  public static final String ERROR_ID = "X-Error-Id";

  private static final Logger LOG = Logger.getLogger(UnexpectedErrorMapper.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int MAX_MESSAGE = 300;

  /**
   * The id of each error being answered: Jersey's own EJBException mapper asks the cause's mapper
   * twice (isMappable, then toResponse), and one error must get one id and one log entry.
   */
  private static final Map<Throwable, String> IDS =
      Collections.synchronizedMap(new WeakHashMap<>());

  @Context Providers providers;
  @Context HttpServletRequest request;

  @Override
  public Response toResponse(Exception e) {
    Throwable error = unwrap(e);
    if (error != e && error instanceof Exception cause) {
      @SuppressWarnings("unchecked")
      ExceptionMapper<Exception> mapper =
          (ExceptionMapper<Exception>) providers.getExceptionMapper(cause.getClass());
      if (mapper != null && !(mapper instanceof UnexpectedErrorMapper)) {
        return mapper.toResponse(cause);
      }
    }
    var outage =
        jakarta
            .enterprise
            .inject
            .spi
            .CDI
            .current()
            .select(org.odcsj.outage.DependencyProbe.class)
            .get()
            .behind(e);
    if (outage.isPresent()) {
      return UnavailableAnswer.of(
          outage.get(), request.getMethod(), request.getRequestURI(), error);
    }
    String[] fresh = new String[1];
    String id = IDS.computeIfAbsent(e, x -> fresh[0] = newId());
    if (fresh[0] != null) {
      LOG.log(
          Level.SEVERE,
          "Unexpected error "
              + id
              + " serving "
              + request.getMethod()
              + " "
              + request.getRequestURI(),
          e);
    }
    return Response.fromResponse(
            ErrorEnvelope.of(Response.Status.INTERNAL_SERVER_ERROR, message(error, id)))
        .header(ERROR_ID, id)
        .build();
  }

  private static String newId() {
    byte[] random = new byte[6];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }

  static Throwable unwrap(Throwable e) {
    Throwable error = e;
    while (error instanceof EJBException && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }

  /** The error's text, first line only and capped, or a pointer to the log when it has none. */
  static String message(Throwable error, String id) {
    String text = error.getMessage();
    if (text == null || text.isBlank()) {
      return "Internal error " + id + "; the server log has the details.";
    }
    String line = text.strip().lines().findFirst().orElse("").strip();
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "…";
  }
}
