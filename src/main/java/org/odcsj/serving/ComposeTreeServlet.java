package org.odcsj.serving;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.odcsj.config.OdcsConfig;
import org.odcsj.output.ComposeTree;

/**
 * Serves the target directory read-only at {@code /composes/}, so result_repo and result_repofile
 * work without a separate web server. Hidden entries (the staging area) are never served, paths
 * cannot escape the target directory, and a single {@code Range: bytes=N-} request is honoured (the
 * ODCS client follows logs that way). Production may use any static web server.
 */
@WebServlet(urlPatterns = "/composes/*")
public class ComposeTreeServlet extends ReadOnlyServlet {

  @Inject OdcsConfig config;

  @Override
  public void init() {
    try {
      Files.createDirectories(config.targetDir());
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot create the target directory " + config.targetDir(), e);
    }
  }

  @Override
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    Path root = config.targetDir().toRealPath();
    String relative = req.getPathInfo() == null ? "/" : req.getPathInfo();
    if (relative.contains("/.")) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    Path file = root.resolve(relative.substring(1)).normalize();
    file = liveLogFallback(root, relative, file);
    if (!file.startsWith(root) || !Files.exists(file)) {
      resp.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (Files.isDirectory(file)) {
      if (!relative.endsWith("/")) {
        resp.sendRedirect(req.getRequestURI() + "/");
        return;
      }
      listDirectory(file, relative, resp);
      return;
    }
    sendFile(file, req, resp);
  }

  private static final java.util.regex.Pattern LOG_PATH =
      java.util.regex.Pattern.compile(
          "/(odcs-\\d+)/(pungi-stdout\\.log|pungi-stderr\\.log|pungi-config-validate-std(?:out|err)\\.log"
              + "|compose/logs/odcs\\.log)");

  /**
   * Until a compose is published (and when it failed) its log exists only beside the tree: serve it
   * under the compose's URLs anyway, so the client's {@code --watch} can follow it.
   */
  private static Path liveLogFallback(Path root, String relative, Path file) {
    var m = LOG_PATH.matcher(relative);
    if (Files.exists(file) || !m.matches()) {
      return file;
    }
    // An external command's own log (a raw_config compose's Pungi) before the generation log.
    if (!m.group(2).startsWith("compose/")) {
      Path side = ComposeTree.sideLog(root, m.group(1), m.group(2));
      if (Files.exists(side) || !m.group(2).equals("pungi-stderr.log")) {
        return side;
      }
    }
    return root.resolve(ComposeTree.LOGS_DIR).resolve(m.group(1) + ".log");
  }

  private static void sendFile(Path file, HttpServletRequest req, HttpServletResponse resp)
      throws IOException {
    long size = Files.size(file);
    long start = 0;
    String range = req.getHeader("Range");
    if (range != null && range.matches("bytes=\\d+-")) {
      start = Long.parseLong(range.substring(6, range.length() - 1));
      if (start >= size) {
        resp.setHeader("Content-Range", "bytes */" + size);
        resp.sendError(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
        return;
      }
      resp.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
      resp.setHeader("Content-Range", "bytes " + start + "-" + (size - 1) + "/" + size);
    }
    resp.setHeader("Accept-Ranges", "bytes");
    resp.setContentType(contentType(file));
    resp.setContentLengthLong(size - start);
    try (InputStream in = Files.newInputStream(file);
        OutputStream out = resp.getOutputStream()) {
      in.skipNBytes(start);
      in.transferTo(out);
    }
  }

  private static String contentType(Path file) {
    String name = file.getFileName().toString();
    if (name.endsWith(".rpm")) {
      return "application/x-rpm";
    } else if (name.endsWith(".xml")) {
      return "application/xml";
    } else if (name.endsWith(".gz")) {
      return "application/gzip";
    } else if (name.endsWith(".json")) {
      return "application/json";
    }
    return "text/plain; charset=utf-8";
  }

  private static void listDirectory(Path dir, String relative, HttpServletResponse resp)
      throws IOException {
    resp.setContentType("text/html; charset=utf-8");
    resp.setCharacterEncoding(StandardCharsets.UTF_8.name());
    PrintWriter out = resp.getWriter();
    String title = escape("Index of " + relative);
    out.println("<!DOCTYPE html><html><head><title>" + title + "</title></head><body>");
    out.println("<h1>" + title + "</h1><ul>");
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path p : entries.sorted().toList()) {
        String name = p.getFileName().toString();
        if (name.startsWith(".")) {
          continue;
        }
        String href = escape(name) + (Files.isDirectory(p) ? "/" : "");
        out.println("<li><a href=\"" + href + "\">" + href + "</a></li>");
      }
    }
    out.println("</ul></body></html>");
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
