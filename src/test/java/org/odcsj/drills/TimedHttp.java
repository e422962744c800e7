package org.odcsj.drills;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * HTTP calls that cannot hang a drill: each has a timeout, and the answer records how long it took
 * (an outage must not turn into requests that never return).
 */
final class TimedHttp {

  /** A request that takes longer than this counts as not answered. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One answer; status -1 when none came within {@link #TIMEOUT} (body then says why). */
  record Answer(String method, String path, int status, String body, String retryAfter, long ms) {
    JsonObject json() {
      try (var reader = Json.createReader(new StringReader(body))) {
        return reader.readObject();
      }
    }

    boolean isJson() {
      return body.startsWith("{");
    }

    @Override
    public String toString() {
      return method + " " + path + " -> " + status + " in " + ms + " ms: " + body;
    }
  }

  private final String baseUrl;

  TimedHttp(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  Answer get(String path) {
    return send("GET", path, HttpRequest.BodyPublishers.noBody(), TIMEOUT);
  }

  Answer post(String path, String json) {
    return post(path, json, TIMEOUT);
  }

  /** A POST that may legitimately wait longer (e.g. an in-doubt commit). */
  Answer post(String path, String json, Duration timeout) {
    return send("POST", path, HttpRequest.BodyPublishers.ofString(json), timeout);
  }

  private Answer send(
      String method, String path, HttpRequest.BodyPublisher body, Duration timeout) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .method(method, body)
            .build();
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
      return new Answer(
          method,
          path,
          response.statusCode(),
          response.body(),
          response.headers().firstValue("Retry-After").orElse(null),
          (System.nanoTime() - start) / 1_000_000);
    } catch (IOException e) {
      return new Answer(
          method, path, -1, e.toString(), null, (System.nanoTime() - start) / 1_000_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
