package org.odcsj.serving;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.odcsj.config.OdcsConfig;

/** {@code GET /}: the human index page, linking to the compose tree. */
@WebServlet(urlPatterns = "")
public class IndexPageServlet extends ReadOnlyServlet {

  @Inject OdcsConfig config;

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    resp.setContentType("text/html; charset=utf-8");
    String explore = config.targetDirUrl().replace("\"", "%22");
    resp.getWriter()
        .print(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\">"
                + "<title>On Demand Compose Service</title></head><body>"
                + "<h1>On Demand Compose Service</h1>"
                + "<p>On Demand Compose Service (ODCS) is a service that generates temporary"
                + " composes using REST API calls.</p>"
                + "<p><a href=\"https://pagure.io/odcs\">Upstream repository</a> · "
                + "<a href=\"https://pagure.io/docs/odcs/\">Documentation</a> · "
                + "<a href=\"/api/1/composes/\">API</a></p>"
                + "<p><a href=\""
                + explore
                + "\">Explore composes →</a></p></body></html>");
  }
}
