package org.odcsj.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Serves a directory over plain HTTP on a free loopback port (GET and HEAD of files only), so dnf
 * can read a compose through an {@code http://} baseurl as it will from the service.
 *
 * <pre>
 * try (TestHttpServer http = TestHttpServer.serve(targetDir)) {
 *   RepoFile.write(repoFile, "odcs-1", http.url() + "/odcs-1/compose/Temporary");
 * }
 * </pre>
 */
public final class TestHttpServer implements AutoCloseable {
  private final HttpServer server;

  private TestHttpServer(HttpServer server) {
    this.server = server;
  }

  public static TestHttpServer serve(Path root) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      Path base = root.toAbsolutePath().normalize();
      server.createContext("/", exchange -> handle(base, exchange));
      server.start();
      return new TestHttpServer(server);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static void handle(Path root, HttpExchange exchange) throws IOException {
    try (exchange) {
      String path =
          URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      Path file = root.resolve(path.substring(1)).normalize();
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      long size = Files.size(file);
      exchange.sendResponseHeaders(200, head ? -1 : size == 0 ? -1 : size);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(file, out);
        }
      }
    }
  }
}
