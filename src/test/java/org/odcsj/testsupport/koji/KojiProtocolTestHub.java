package org.odcsj.testsupport.koji;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Koji protocol test hub: a real HTTP server on 127.0.0.1 that answers Koji's XML-RPC the way a
 * Koji 1.35 hub does — POST only (GET is 405), a {@code Koji-Version} header, nil, i8, time strings
 * and doubles, faults with Koji's codes, and {@code multiCall} with each success wrapped in a
 * one-element array and each failure a fault struct — over an in-memory {@link KojiTestModel} (tags
 * with inheritance, events, builds, RPMs, signatures, repos). It can be told to fail: answer 5xx,
 * drop the connection, or answer late. It counts requests per method for the tests.
 */
public final class KojiProtocolTestHub implements AutoCloseable {
  public static final String KOJI_VERSION = "1.35.3";

  /** One HTTP request: its XML-RPC method and headers. */
  public record Request(String method, String contentType, int calls) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final KojiTestModel koji = new KojiTestModel();
  private final KojiHubMethods methods = new KojiHubMethods(koji);
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger drops = new AtomicInteger();
  private volatile int failureStatus = 503;
  private volatile Duration delay = Duration.ZERO;
  private final CountDownLatch closing = new CountDownLatch(1);

  static {
    // Without TCP_NODELAY the JDK server's answer waits on the client's delayed ACK: ~40 ms per
    // call, where a real hub (httpd) answers at once. Read once, when the first server starts.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private KojiProtocolTestHub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/kojihub", this::handle);
    server.start();
  }

  public static KojiProtocolTestHub start() {
    try {
      return new KojiProtocolTestHub();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Koji protocol test hub", e);
    }
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/kojihub");
  }

  public KojiTestModel koji() {
    return koji;
  }

  /** The next {@code count} requests answer HTTP {@code status} (e.g. 503) with an HTML page. */
  public void failNext(int count, int status) {
    failureStatus = status;
    failures.set(count);
  }

  /** The next {@code count} requests get their connection closed without an answer. */
  public void dropNext(int count) {
    drops.set(count);
  }

  /** Every answer waits this long first (until the hub closes). */
  public void delayAnswers(Duration delay) {
    this.delay = delay;
  }

  public List<Request> requests() {
    return new ArrayList<>(requests);
  }

  /** How many times {@code method} ran, inside multiCall requests too. */
  public int calls(String method) {
    AtomicInteger n = calls.get(method);
    return n == null ? 0 : n.get();
  }

  public void clearRequests() {
    requests.clear();
    calls.clear();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().add("Koji-Version", KOJI_VERSION);
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().add("Allow", "POST");
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      if (drops.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        requests.add(new Request("(dropped)", contentType(exchange), 0));
        return; // closing the exchange without a response closes the connection
      }
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        requests.add(new Request("(failed)", contentType(exchange), 0));
        send(exchange, failureStatus, "text/html", "<html><body>Service Unavailable</body></html>");
        return;
      }
      if (!delay.isZero() && closing.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
        return;
      }
      send(exchange, 200, "text/xml", answer(body, contentType(exchange)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String answer(byte[] body, String contentType) {
    KojiWire.MethodCall call;
    try {
      call = KojiWire.parseCall(body);
    } catch (KojiTestFault f) {
      return KojiWire.fault(f.code, f.getMessage());
    }
    if (!"multiCall".equals(call.method()) && !"system.multicall".equals(call.method())) {
      requests.add(new Request(call.method(), contentType, 1));
      try {
        return KojiWire.response(invoke(call.method(), call.params()));
      } catch (KojiTestFault f) {
        return KojiWire.fault(f.code, f.getMessage());
      }
    }
    List<?> batch = (List<?>) call.params().get(0);
    requests.add(new Request(call.method(), contentType, batch.size()));
    count(call.method());
    List<Object> results = new ArrayList<>();
    for (Object item : batch) {
      Map<?, ?> one = (Map<?, ?>) item;
      String method = (String) one.get("methodName");
      @SuppressWarnings("unchecked")
      List<Object> params = (List<Object>) one.get("params");
      try {
        if (method.equals("multiCall")) {
          throw new KojiTestFault(KojiTestFault.GENERIC_ERROR, "Can't nest multicalls");
        }
        results.add(wrap(invoke(method, params)));
      } catch (KojiTestFault f) {
        Map<String, Object> fault = KojiWire.faultStruct(f.code, f.getMessage());
        fault.put("traceback", List.of("Traceback (most recent call last):\n", "  ...\n"));
        results.add(fault);
      }
    }
    return KojiWire.response(results);
  }

  private static List<Object> wrap(Object result) {
    List<Object> one = new ArrayList<>(1);
    one.add(result); // a one-element array, nil included
    return one;
  }

  private Object invoke(String method, List<Object> params) {
    count(method);
    return methods.call(method, params);
  }

  private void count(String method) {
    calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
  }

  private static String contentType(HttpExchange exchange) {
    return exchange.getRequestHeaders().getFirst("Content-Type");
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    closing.countDown();
    server.stop(0);
    executor.shutdownNow();
  }
}
