package org.odcsj.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A small HTTP client for the ODCS API, as the tests (and any script) use it. */
public final class OdcsApi {

  private static final HttpClient PLAIN = HttpClient.newHttpClient();

  private final HttpClient http;
  private final String baseUrl;
  private final Map<String, String> headers;

  public OdcsApi(String baseUrl) {
    this(baseUrl, PLAIN, Map.of());
  }

  /** The API through a client of one's own (e.g. HTTPS with a client certificate). */
  public OdcsApi(String baseUrl, HttpClient http) {
    this(baseUrl, http, Map.of());
  }

  private OdcsApi(String baseUrl, HttpClient http, Map<String, String> headers) {
    this.baseUrl = baseUrl;
    this.http = http;
    this.headers = headers;
  }

  /** The same API sending one more header on every request. */
  public OdcsApi withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(name, value);
    return new OdcsApi(baseUrl, http, Map.copyOf(more));
  }

  /**
   * The same API, acting as {@code user} with {@code groups} (through the test-only headers of
   * {@link org.odcsj.it.identity.HeaderCallerResolver}).
   */
  public OdcsApi as(String user, String... groups) {
    Map<String, String> identity = new LinkedHashMap<>();
    identity.put("X-Test-User", user);
    if (groups.length > 0) {
      identity.put("X-Test-Groups", String.join(",", groups));
    }
    return new OdcsApi(baseUrl, http, Map.copyOf(identity));
  }

  public String baseUrl() {
    return baseUrl;
  }

  public record Reply(int status, String body, HttpResponse<String> raw) {
    public JsonObject json() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }
  }

  public Reply get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  public Reply post(String path, String body) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** PATCH with a JSON body, or without any body when {@code body} is null. */
  public Reply patch(String path, String body) {
    return send("PATCH", path, body);
  }

  public Reply delete(String path) {
    return send("DELETE", path, null);
  }

  /** Any method, with a JSON body or (when {@code body} is null) none. */
  public Reply send(String method, String path, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request
          .header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body));
    }
    return send(request);
  }

  public JsonObject submit(String body) {
    Reply reply = post("/api/1/composes/", body);
    if (reply.status() != 200) {
      throw new AssertionError("POST failed: " + reply.status() + " " + reply.body());
    }
    return reply.json();
  }

  public JsonObject compose(long id) {
    Reply reply = get("/api/1/composes/" + id);
    if (reply.status() != 200) {
      throw new AssertionError("GET compose " + id + ": " + reply.status() + " " + reply.body());
    }
    return reply.json();
  }

  /** Polls the compose until its state is one of {@code states} (as ODCS users do). */
  public JsonObject awaitState(long id, Duration timeout, String... states) {
    Set<String> wanted = Set.of(states);
    Instant deadline = Instant.now().plus(timeout);
    JsonObject compose = compose(id);
    while (!wanted.contains(compose.getString("state_name"))) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "Compose " + id + " not in " + wanted + " after " + timeout + ": " + compose);
      }
      sleep(200);
      compose = compose(id);
    }
    return compose;
  }

  public static String string(JsonObject o, String key) {
    JsonValue v = o.get(key);
    return v == null || v == JsonValue.NULL ? null : o.getString(key);
  }

  private Reply send(HttpRequest.Builder request) {
    headers.forEach(request::header);
    try {
      HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.body(), r);
    } catch (IOException e) {
      throw new AssertionError("HTTP request failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private URI uri(String path) {
    return URI.create(path.startsWith("http") ? path : baseUrl + path);
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
