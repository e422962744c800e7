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
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves a directory over plain HTTP on a free loopback port (GET and HEAD of files only, with
 * single {@code Range: bytes=a-b} requests answered 206), so dnf can read a compose through an
 * {@code http://} baseurl as it will from the service. Every request is recorded ({@link
 * #requests()}), so a test can tell what a client fetched; a {@link Gate} holds chosen requests
 * until the test releases them.
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

  /**
   * Holds the requests whose path matches until {@link #open} (served as usual) or {@link #fail}
   * (answered with that status) — at most {@link #MAX_HOLD}, so nothing hangs — letting a test keep
   * a client in the middle of its work as long as it needs, deterministically.
   */
  public static final class Gate {
    /** The longest a request is held (a client's read timeout is longer). */
    public static final Duration MAX_HOLD = Duration.ofSeconds(30);

    private final Predicate<String> paths;
    private final CountDownLatch released = new CountDownLatch(1);
    private final Semaphore arrivals = new Semaphore(0);
    private volatile int failStatus;

    private Gate(Predicate<String> paths) {
      this.paths = paths;
    }

    /** Waits until a held request (not seen by an earlier call) arrives; false on timeout. */
    public boolean awaitRequest(Duration timeout) throws InterruptedException {
      return arrivals.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Serves the held requests and every later one as usual. */
    public void open() {
      released.countDown();
    }

    /** Answers the held requests and every later one with {@code status} (and no body). */
    public void fail(int status) {
      failStatus = status;
      released.countDown();
    }

    /** 0 to serve the request, else the status to answer with. */
    private int pass(String path) {
      if (!paths.test(path)) {
        return 0;
      }
      arrivals.release();
      try {
        released.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return failStatus;
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Gate> gates = new CopyOnWriteArrayList<>();

  private TestHttpServer(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static TestHttpServer serve(Path root) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      Path base = root.toAbsolutePath().normalize();
      // Requests in parallel: one held by a gate must not hold up the others.
      ExecutorService executor =
          Executors.newCachedThreadPool(
              task -> {
                Thread t = new Thread(task, "test-http");
                t.setDaemon(true);
                return t;
              });
      server.setExecutor(executor);
      TestHttpServer http = new TestHttpServer(server, executor);
      server.createContext("/", exchange -> http.handle(base, exchange));
      server.start();
      return http;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * From now on, holds the requests whose decoded path matches {@code paths} (see {@link Gate}).
   */
  public Gate hold(Predicate<String> paths) {
    Gate gate = new Gate(paths);
    gates.add(gate);
    return gate;
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
    gates.forEach(Gate::open);
    server.stop(0);
    executor.shutdownNow();
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
      for (Gate gate : gates) {
        int status = gate.pass(path);
        if (status != 0) {
          exchange.sendResponseHeaders(status, -1);
          return;
        }
      }
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
