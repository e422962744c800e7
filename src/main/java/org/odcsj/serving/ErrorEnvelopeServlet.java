package org.odcsj.serving;

import jakarta.json.Json;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Renders the container's own 404/405 errors as the ODCS JSON envelope. */
@WebServlet(urlPatterns = "/error-envelope")
public class ErrorEnvelopeServlet extends HttpServlet {

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Object code = req.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    int status = code instanceof Integer i ? i : HttpServletResponse.SC_NOT_FOUND;
    String error = status == 405 ? "Method Not Allowed" : "Not Found";
    String message =
        status == 405
            ? "The method is not allowed for the requested URL."
            : "The requested URL was not found on the server.";
    resp.setStatus(status);
    resp.setContentType("application/json");
    resp.getWriter()
        .write(
            Json.createObjectBuilder()
                .add("error", error)
                .add("message", message)
                .add("status", status)
                .build()
                .toString());
  }
}
