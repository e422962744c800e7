package org.odcsj.serving;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;

/**
 * A page outside the API that only reads. {@link HttpServlet} would answer an unknown method such
 * as PATCH with a bare 501 HTML page; here every method but GET, HEAD and OPTIONS is a 405 (the
 * ODCS JSON envelope, through the error page).
 */
abstract class ReadOnlyServlet extends HttpServlet {

  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp)
      throws ServletException, IOException {
    if (!READS.contains(req.getMethod())) {
      resp.setHeader("Allow", "GET, HEAD, OPTIONS");
      resp.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
      return;
    }
    super.service(req, resp);
  }
}
