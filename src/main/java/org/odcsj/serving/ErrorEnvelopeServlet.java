package org.odcsj.serving;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.odcsj.api.ErrorEnvelope;

/** Renders the container's own 401/404/405 errors as the ODCS JSON envelope. */
@WebServlet(urlPatterns = "/error-envelope")
public class ErrorEnvelopeServlet extends HttpServlet {

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(ErrorEnvelopeServlet.class.getName());

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
    String error;
    String message;
    switch (status) {
      case 401 -> {
        // Only MicroProfile JWT answers 401 itself: a bearer token it could not verify.
        error = "Unauthorized";
        message =
            "The server could not verify that you are authorized to access the URL requested. The"
                + " bearer token is invalid, expired, or not issued for this server.";
        resp.setHeader("WWW-Authenticate", "Bearer realm=\"odcs\", error=\"invalid_token\"");
        LOG.info(
            () ->
                "Rejected a bearer token on "
                    + req.getAttribute(RequestDispatcher.ERROR_REQUEST_URI)
                    + " from "
                    + req.getRemoteAddr());
      }
      case 405 -> {
        error = "Method Not Allowed";
        message = "The method is not allowed for the requested URL.";
      }
      default -> {
        error = "Not Found";
        message = "The requested URL was not found on the server.";
      }
    }
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.getWriter().write(ErrorEnvelope.body(status, error, message).toString());
  }
}
