package org.odcsj.serving;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Replaces the container's default servlet: the WAR has no static files, and Payara's would answer
 * PUT and DELETE with a 403 HTML page and PATCH with a 501. Any method on a path nothing else maps
 * is a 404 envelope, as in ODCS.
 */
@WebServlet(urlPatterns = "/")
public class UnknownPathServlet extends HttpServlet {

  @Override
  protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.sendError(HttpServletResponse.SC_NOT_FOUND);
  }
}
