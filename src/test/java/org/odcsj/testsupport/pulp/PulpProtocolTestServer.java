package org.odcsj.testsupport.pulp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A Pulp protocol test server: real HTTP on loopback speaking the part of Pulp 2's REST API that
 * ODCS uses — {@code POST /pulp/api/v2/repositories/search/} (filters {@code notes.content_set $in}
 * and {@code notes.include_in_download_service}, fields {@code id} and {@code notes}) and {@code
 * GET /pulp/api/v2/repositories/<id>/} — behind Basic auth (401 otherwise), and serving the yum
 * repositories tests build under {@link #root()} at {@code /<relative_url>/…} without auth, as
 * Pulp's content does. Tests add repositories live.
 *
 * <pre>
 * PulpProtocolTestServer pulp = PulpProtocolTestServer.start(dir, "user", "secret");
 * pulp.addRepository(new Repo("rhel-7-x86_64", "rhel-7", "content/rhel/7/x86_64/os", "x86_64", …));
 * </pre>
 */
public final class PulpProtocolTestServer implements AutoCloseable {
  private static final JsonProvider JSON = JsonProvider.provider();
  private static final String API = "/pulp/api/v2/";

  /** A repository as Pulp's notes describe it. */
  public record Repo(
      String id,
      String contentSet,
      String relativeUrl,
      String arch,
      String signatures,
      String productVersions,
      boolean published) {

    JsonObject json() {
      var notes = JSON.createObjectBuilder().add("relative_url", relativeUrl).add("arch", arch);
      if (contentSet != null) {
        notes.add("content_set", contentSet);
      }
      if (signatures != null) {
        notes.add("signatures", signatures);
      }
      if (productVersions != null) {
        notes.add("product_versions", productVersions);
      }
      notes.add("include_in_download_service", published ? "True" : "False");
      return JSON.createObjectBuilder()
          .add("id", id)
          .add("notes", notes)
          .add("_href", API + "repositories/" + id + "/")
          .build();
    }
  }

  /** One request to the API: method, path and body. */
  public record ApiRequest(String method, String path, String body, boolean authorized) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Path root;
  private final String username;
  private volatile String password;
  private final Map<String, Repo> repos = new ConcurrentHashMap<>();
  private final List<ApiRequest> apiRequests = new CopyOnWriteArrayList<>();
  private final List<String> contentRequests = new CopyOnWriteArrayList<>();
  private final java.util.concurrent.atomic.AtomicInteger failing =
      new java.util.concurrent.atomic.AtomicInteger();

  private PulpProtocolTestServer(
      HttpServer server, ExecutorService executor, Path root, String username, String password) {
    this.server = server;
    this.executor = executor;
    this.root = root;
    this.username = username;
    this.password = password;
  }

  /** Starts on a free loopback port; repositories' files are served from {@code root}. */
  public static PulpProtocolTestServer start(Path root, String username, String password) {
    try {
      Files.createDirectories(root);
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newCachedThreadPool(
              task -> {
                Thread t = new Thread(task, "pulp-protocol-test-server");
                t.setDaemon(true);
                return t;
              });
      server.setExecutor(executor);
      PulpProtocolTestServer pulp =
          new PulpProtocolTestServer(
              server, executor, root.toAbsolutePath().normalize(), username, password);
      server.createContext("/", pulp::handle);
      server.start();
      return pulp;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, without a trailing slash: the Pulp server's URL. */
  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Where repositories' files live: {@code <root>/<relative_url>/repodata/…}. */
  public Path root() {
    return root;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  /** Changes the password the API accepts (as a Pulp administrator would). */
  public void setPassword(String password) {
    this.password = password;
  }

  /** The next {@code count} API requests are answered 503 (an overloaded Pulp). */
  public void failNextApiRequests(int count) {
    failing.set(count);
  }

  public void addRepository(Repo repo) {
    repos.put(repo.id(), repo);
  }

  /** Every API request so far. */
  public List<ApiRequest> apiRequests() {
    return List.copyOf(apiRequests);
  }

  /** The paths of content (repository file) requests so far. */
  public List<String> contentRequests() {
    return List.copyOf(contentRequests);
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      if (path.startsWith(API)) {
        api(exchange, path.substring(API.length()));
      } else {
        content(exchange, URLDecoder.decode(path, StandardCharsets.UTF_8));
      }
    } catch (RuntimeException e) {
      e.printStackTrace();
      throw e;
    }
  }

  private void api(HttpExchange exchange, String path) throws IOException {
    String body;
    try (InputStream in = exchange.getRequestBody()) {
      body = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    }
    boolean authorized = authorized(exchange.getRequestHeaders().getFirst("Authorization"));
    String method = exchange.getRequestMethod();
    apiRequests.add(new ApiRequest(method, API + path, body, authorized));
    if (failing.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      send(exchange, 503, error(503, "Service Unavailable"));
      return;
    }
    if (!authorized) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"Pulp\"");
      send(exchange, 401, error(401, "Invalid username or password"));
      return;
    }
    if (method.equals("POST") && path.equals("repositories/search/")) {
      send(exchange, 200, search(body).toString());
    } else if (method.equals("GET") && path.matches("repositories/[^/]+/")) {
      String id =
          URLDecoder.decode(
              path.substring("repositories/".length(), path.length() - 1), StandardCharsets.UTF_8);
      Repo repo = repos.get(id);
      if (repo == null) {
        send(exchange, 404, error(404, "Missing resource(s): repository=" + id));
      } else {
        send(exchange, 200, repo.json().toString());
      }
    } else {
      send(exchange, 404, error(404, "Not found: " + path));
    }
  }

  private JsonArray search(String body) {
    JsonObject criteria =
        JSON.createReader(new StringReader(body)).readObject().getJsonObject("criteria");
    JsonObject filters = criteria.getJsonObject("filters");
    JsonArray in = filters.getJsonObject("notes.content_set").getJsonArray("$in");
    Set<String> contentSets = new java.util.HashSet<>();
    for (JsonValue v : in) {
      contentSets.add(((JsonString) v).getString());
    }
    boolean onlyPublished = filters.containsKey("notes.include_in_download_service");
    if (onlyPublished
        && !"True".equals(filters.getString("notes.include_in_download_service", null))) {
      throw new IllegalArgumentException("unexpected filter " + filters);
    }
    List<String> fields = new ArrayList<>();
    criteria.getJsonArray("fields").forEach(f -> fields.add(((JsonString) f).getString()));
    var out = JSON.createArrayBuilder();
    repos.values().stream()
        .sorted(java.util.Comparator.comparing(Repo::id))
        .filter(r -> r.contentSet() != null && contentSets.contains(r.contentSet()))
        .filter(r -> !onlyPublished || r.published())
        .forEach(
            r -> {
              JsonObject full = r.json();
              var o = JSON.createObjectBuilder();
              fields.forEach(f -> o.add(f, full.get(f)));
              out.add(o);
            });
    return out.build();
  }

  private boolean authorized(String header) {
    if (header == null || !header.startsWith("Basic ")) {
      return false;
    }
    String given =
        new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    return given.equals(username + ":" + password);
  }

  private void content(HttpExchange exchange, String path) throws IOException {
    contentRequests.add(path);
    Path file = root.resolve(path.replaceAll("^/+", "")).normalize();
    if (!file.startsWith(root) || !Files.isRegularFile(file)) {
      send(exchange, 404, "not found");
      return;
    }
    exchange.sendResponseHeaders(200, Files.size(file));
    try (OutputStream out = exchange.getResponseBody()) {
      Files.copy(file, out);
    }
  }

  private static String error(int status, String message) {
    return JSON.createObjectBuilder()
        .add("http_status", status)
        .add("error_message", message)
        .build()
        .toString();
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
