package org.odcsj.testsupport.mbs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The MBS protocol test server: real HTTP on 127.0.0.1 answering {@code GET
 * /module-build-service/1/module-builds/} as MBS does — filters {@code nsvc} (1 to 4 parts), {@code
 * state} (repeatable), {@code base_module_br_name/stream/stream_version_lte/gte}, {@code
 * order_desc_by=version}, {@code verbose} (modulemd only then), paging ({@code page}, {@code
 * per_page}, default 10) with {@code meta.next} links; {@code version} as a string, base modules'
 * {@code stream_version} as a float; {@code scratch} ({@code True}/{@code False}) filters scratch
 * builds, each build's {@code scratch} field says which it is. It can be told to answer 503 a
 * number of times, and records every query it got and how many requests each path got.
 */
public final class MbsProtocolTestServer implements AutoCloseable {

  public static final String PATH = "/module-build-service/1/module-builds/";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<MbsTestBuild> builds = new CopyOnWriteArrayList<>();
  private final List<String> queries = new CopyOnWriteArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final Map<String, AtomicInteger> requestsPerPath = new ConcurrentHashMap<>();

  private MbsProtocolTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(executor);
    server.start();
  }

  public static MbsProtocolTestServer start() throws IOException {
    return new MbsProtocolTestServer();
  }

  /** What {@code odcs.mbs.url} is set to. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/module-build-service";
  }

  public MbsProtocolTestServer add(MbsTestBuild build) {
    builds.add(build);
    return this;
  }

  /** The next {@code times} requests are answered 503. */
  public void failNext(int times) {
    failures.set(times);
  }

  /** Every query string received, in order. */
  public List<String> queries() {
    return List.copyOf(queries);
  }

  public void clearQueries() {
    queries.clear();
  }

  /** How many requests {@code path} got (any method, any answer). */
  public int requests(String path) {
    AtomicInteger n = requestsPerPath.get(path);
    return n == null ? 0 : n.get();
  }

  /**
   * How many {@code module-builds} queries asked for an {@code nsvc} that contains {@code text}.
   */
  public long queriesAbout(String text) {
    return queries().stream()
        .map(MbsProtocolTestServer::params)
        .filter(p -> String.valueOf(first(p, "nsvc")).contains(text))
        .count();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requestsPerPath
          .computeIfAbsent(exchange.getRequestURI().getPath(), p -> new AtomicInteger())
          .incrementAndGet();
      if (!"GET".equals(exchange.getRequestMethod())) {
        send(exchange, 405, "{\"error\": \"Method Not Allowed\", \"status\": 405}");
        return;
      }
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        send(exchange, 404, "{\"error\": \"Not Found\", \"status\": 404}");
        return;
      }
      String query = exchange.getRequestURI().getRawQuery();
      queries.add(query == null ? "" : query);
      if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        send(exchange, 503, "<html>Service Unavailable</html>");
        return;
      }
      Map<String, List<String>> params = params(query);
      send(exchange, 200, answer(params));
    }
  }

  private String answer(Map<String, List<String>> params) {
    List<MbsTestBuild> matching = new ArrayList<>();
    for (MbsTestBuild build : builds) {
      if (matches(build, params)) {
        matching.add(build);
      }
    }
    Comparator<MbsTestBuild> order =
        "version".equals(first(params, "order_desc_by"))
            ? Comparator.comparingLong(MbsTestBuild::version).reversed()
            : Comparator.comparingLong(MbsTestBuild::id).reversed();
    matching.sort(order.thenComparing(Comparator.comparingLong(MbsTestBuild::id).reversed()));
    int perPage = Integer.parseInt(firstOr(params, "per_page", "10"));
    int page = Integer.parseInt(firstOr(params, "page", "1"));
    int total = matching.size();
    int pages = Math.max(1, (total + perPage - 1) / perPage);
    boolean verbose = "true".equalsIgnoreCase(first(params, "verbose"));
    JsonArrayBuilder items = Json.createArrayBuilder();
    for (int i = (page - 1) * perPage; i < Math.min(total, page * perPage); i++) {
      items.add(item(matching.get(i), verbose));
    }
    JsonObjectBuilder meta =
        Json.createObjectBuilder()
            .add("page", page)
            .add("pages", pages)
            .add("per_page", perPage)
            .add("total", total)
            .add("first", link(params, 1, perPage))
            .add("last", link(params, pages, perPage));
    if (page < pages) {
      meta.add("next", link(params, page + 1, perPage));
    } else {
      meta.addNull("next");
    }
    if (page > 1) {
      meta.add("prev", link(params, page - 1, perPage));
    } else {
      meta.addNull("prev");
    }
    return Json.createObjectBuilder().add("items", items).add("meta", meta).build().toString();
  }

  private boolean matches(MbsTestBuild build, Map<String, List<String>> params) {
    String nsvc = first(params, "nsvc");
    if (nsvc != null) {
      String[] parts = nsvc.split(":");
      String[] values = {
        build.name(), build.stream(), Long.toString(build.version()), build.context()
      };
      for (int i = 0; i < parts.length && i < 4; i++) {
        if (!parts[i].equals(values[i])) {
          return false;
        }
      }
    }
    List<String> states = params.getOrDefault("state", List.of());
    if (!states.isEmpty() && !states.contains(Integer.toString(build.state()))) {
      return false;
    }
    String baseName = first(params, "base_module_br_name");
    if (baseName != null && !baseName.equals(build.baseName())) {
      return false;
    }
    String baseStream = first(params, "base_module_br_stream");
    if (baseStream != null && !baseStream.equals(build.baseStream())) {
      return false;
    }
    String lte = first(params, "base_module_br_stream_version_lte");
    if (lte != null && build.baseStreamVersion() > Long.parseLong(lte)) {
      return false;
    }
    String scratch = first(params, "scratch");
    if (scratch != null && Boolean.parseBoolean(scratch) != build.scratch()) {
      return false;
    }
    String gte = first(params, "base_module_br_stream_version_gte");
    return gte == null || build.baseStreamVersion() >= Long.parseLong(gte);
  }

  private static JsonObjectBuilder item(MbsTestBuild build, boolean verbose) {
    JsonObjectBuilder item =
        Json.createObjectBuilder()
            .add("id", build.id())
            .add("name", build.name())
            .add("stream", build.stream())
            .add("version", Long.toString(build.version()))
            .add("context", build.context())
            .add("state", build.state())
            .add("state_name", build.state() == MbsTestBuild.READY ? "ready" : "done")
            .add("koji_tag", build.kojiTag())
            .add("scratch", build.scratch())
            .add("owner", "mbs-test")
            .add("time_completed", "2026-11-30T12:00:00Z")
            .add(
                "base_module_buildrequires",
                Json.createArrayBuilder()
                    .add(
                        Json.createObjectBuilder()
                            .add("id", 1)
                            .add("name", build.baseName())
                            .add("stream", build.baseStream())
                            .add("version", "1")
                            .add("context", "00000000")
                            .add("stream_version", (double) build.baseStreamVersion())));
    if (verbose) {
      item.add("modulemd", build.modulemd());
    }
    return item;
  }

  private String link(Map<String, List<String>> params, int page, int perPage) {
    StringBuilder query = new StringBuilder();
    params.forEach(
        (name, values) -> {
          if (!name.equals("page") && !name.equals("per_page")) {
            for (String value : values) {
              query.append(name).append('=').append(value.replace(" ", "+")).append('&');
            }
          }
        });
    query.append("per_page=").append(perPage).append("&page=").append(page);
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH + "?" + query;
  }

  private static Map<String, List<String>> params(String query) {
    Map<String, List<String>> params = new LinkedHashMap<>();
    if (query == null || query.isEmpty()) {
      return params;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name =
          URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value =
          eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return params;
  }

  private static String first(Map<String, List<String>> params, String name) {
    List<String> values = params.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static String firstOr(Map<String, List<String>> params, String name, String fallback) {
    String value = first(params, name);
    return value == null ? fallback : value;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .set("Content-Type", status == 503 ? "text/html" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
