package org.odcsj.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a directory over plain HTTP on a free loopback port (GET and HEAD of files only, with
 * single {@code Range: bytes=a-b} requests answered 206), so dnf can read a compose through an
 * {@code http://} baseurl as it will from the service. Every request is recorded ({@link
 * #requests()}), so a test can tell what a client fetched.
 *
 * <pre>
 * try (TestHttpServer http = TestHttpServer.serve(targetDir)) {
 *   RepoFile.write(repoFile, "odcs-1", http.url() + "/odcs-1/compose/Temporary");
 * }
 * </pre>
 */
public final class TestHttpServer implements AutoCloseable {
  /** One request as received: method, decoded path, and its headers (names lowercase). */
  public record Request(String method, String path, Map<String, String> headers) {
    /** The header's (first) value, {@code null} when absent. */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  private TestHttpServer(HttpServer server) {
    this.server = server;
  }

  public static TestHttpServer serve(Path root) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      Path base = root.toAbsolutePath().normalize();
      TestHttpServer http = new TestHttpServer(server);
      server.createContext("/", exchange -> http.handle(base, exchange));
      server.start();
      return http;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every request so far, in arrival order. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests so far whose path ends with {@code suffix} (e.g. a file name). */
  public List<Request> requestsFor(String suffix) {
    return requests.stream().filter(r -> r.path().endsWith(suffix)).toList();
  }

  /** Forgets the requests so far. */
  public void clearRequests() {
    requests.clear();
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(Path root, HttpExchange exchange) throws IOException {
    try (exchange) {
      String path =
          URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      Map<String, String> headers = new TreeMap<>();
      exchange
          .getRequestHeaders()
          .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
      requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(headers)));
      Path file = root.resolve(path.substring(1)).normalize();
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      long size = Files.size(file);
      long[] range = head ? null : range(headers.get("range"), size);
      if (range != null && range.length == 0) {
        exchange.getResponseHeaders().set("Content-Range", "bytes */" + size);
        exchange.sendResponseHeaders(416, -1);
        return;
      }
      if (range != null) {
        long length = range[1] - range[0] + 1;
        exchange
            .getResponseHeaders()
            .set("Content-Range", "bytes " + range[0] + "-" + range[1] + "/" + size);
        exchange.sendResponseHeaders(206, length);
        try (OutputStream out = exchange.getResponseBody();
            InputStream in = Files.newInputStream(file)) {
          in.skipNBytes(range[0]);
          out.write(in.readNBytes((int) length));
        }
        return;
      }
      exchange.sendResponseHeaders(200, head ? -1 : size == 0 ? -1 : size);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          Files.copy(file, out);
        } catch (IOException clientWentAway) {
          // e.g. a client that read only the headers of an RPM
        }
      }
    }
  }

  /**
   * {@code bytes=a-b} / {@code bytes=a-} as {first, last}; {@code null} to send the whole file (no
   * or another kind of range); an empty array when unsatisfiable.
   */
  private static long[] range(String header, long size) {
    if (header == null) {
      return null;
    }
    Matcher m = Pattern.compile("bytes=(\\d+)-(\\d*)").matcher(header.strip());
    if (!m.matches()) {
      return null;
    }
    long first = Long.parseLong(m.group(1));
    long last = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
    if (first >= size || last < first) {
      return new long[0];
    }
    return new long[] {first, last};
  }
}
