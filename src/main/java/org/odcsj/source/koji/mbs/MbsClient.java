package org.odcsj.source.koji.mbs;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.odcsj.source.SourceFailure;

/**
 * MBS's {@code GET /1/module-builds/} over HTTP. Pages ({@code meta.next}) are followed only as
 * long as they can still hold the newest version (answers are ordered by version, newest first),
 * and only on MBS's own origin. Unreachable or 5xx is retried with doubling backoff, logged;
 * answers are capped at {@link #MAX_ANSWER_BYTES}.
 */
public final class MbsClient {

  private static final Logger LOG = Logger.getLogger(MbsClient.class.getName());
  private static final JsonProvider JSON = JsonProvider.provider();
  static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;
  private static final int MAX_PAGES = 100;

  private final MbsSettings settings;
  private final HttpClient client;
  private int requests;

  public MbsClient(MbsSettings settings) {
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** How many HTTP requests this client sent (the resolution's cost, for the log). */
  public synchronized int requests() {
    return requests;
  }

  /**
   * The builds of the newest version matching {@code query} (every context of it), newest first;
   * empty when none matches.
   */
  public List<MbsModuleBuild> newestVersion(MbsQuery query) throws SourceFailure {
    List<MbsModuleBuild> newest = new ArrayList<>();
    URI page = URI.create(settings.moduleBuilds() + "?" + query.queryString());
    for (int pages = 0; page != null && pages < MAX_PAGES; pages++) {
      JsonObject answer = get(page);
      JsonValue items = answer.get("items");
      if (!(items instanceof JsonArray array)) {
        throw new SourceFailure("MBS answered " + display(page) + " without an items list");
      }
      for (JsonValue item : array) {
        if (!(item instanceof JsonObject object)) {
          continue;
        }
        MbsModuleBuild build;
        try {
          build = MbsModuleBuild.from(object);
        } catch (IllegalArgumentException e) {
          throw new SourceFailure("MBS answered " + display(page) + ": " + e.getMessage());
        }
        if (!newest.isEmpty() && newest.get(0).version() != build.version()) {
          return newest;
        }
        newest.add(build);
      }
      page = next(answer);
    }
    return newest;
  }

  private URI next(JsonObject answer) throws SourceFailure {
    JsonValue meta = answer.get("meta");
    if (!(meta instanceof JsonObject object) || !(object.get("next") instanceof JsonString next)) {
      return null;
    }
    URI uri;
    try {
      uri = settings.moduleBuilds().resolve(next.getString());
    } catch (IllegalArgumentException e) {
      throw new SourceFailure("MBS sent a next page that is no URL: " + next.getString());
    }
    URI own = settings.moduleBuilds();
    if (!own.getScheme().equalsIgnoreCase(String.valueOf(uri.getScheme()))
        || !own.getHost().equalsIgnoreCase(String.valueOf(uri.getHost()))
        || own.getPort() != uri.getPort()) {
      throw new SourceFailure("MBS sent a next page on another server: " + display(uri));
    }
    return uri;
  }

  private JsonObject get(URI url) throws SourceFailure {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(settings.readTimeout())
            .header("Accept", "application/json")
            .GET()
            .build();
    Duration backoff = settings.backoff();
    for (int attempt = 1; ; attempt++) {
      String failure;
      synchronized (this) {
        requests++;
      }
      try {
        HttpResponse<InputStream> response =
            client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        byte[] body;
        try (InputStream in = response.body()) {
          body = in.readNBytes(MAX_ANSWER_BYTES + 1);
        }
        if (body.length > MAX_ANSWER_BYTES) {
          throw new SourceFailure("MBS answer to " + display(url) + " is over 64 MiB");
        }
        int status = response.statusCode();
        if (status == 200) {
          return parse(url, body);
        }
        failure = "HTTP " + status;
        if (status < 500) {
          throw new SourceFailure(
              "MBS answered " + failure + " to " + display(url) + ": " + excerpt(body));
        }
      } catch (IOException e) {
        failure =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceFailure("Interrupted while asking MBS " + display(url));
      }
      if (attempt >= settings.attempts()) {
        throw new SourceFailure(
            "MBS at "
                + settings.url()
                + " is unreachable: "
                + failure
                + " after "
                + attempt
                + " attempts");
      }
      LOG.log(
          Level.WARNING,
          "MBS request {0} failed ({1}); attempt {2} of {3} in {4} ms",
          new Object[] {
            display(url), failure, attempt + 1, settings.attempts(), backoff.toMillis()
          });
      try {
        Thread.sleep(backoff.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceFailure("Interrupted while asking MBS " + display(url));
      }
      backoff = backoff.multipliedBy(2);
    }
  }

  private static JsonObject parse(URI url, byte[] body) throws SourceFailure {
    try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
      JsonValue value = reader.readValue();
      if (value instanceof JsonObject object) {
        return object;
      }
      throw new SourceFailure("MBS answered " + display(url) + " with JSON that is no object");
    } catch (JsonException e) {
      throw new SourceFailure("MBS answered " + display(url) + " with invalid JSON");
    }
  }

  private static String excerpt(byte[] body) {
    String text = new String(body, 0, Math.min(body.length, 300), StandardCharsets.UTF_8);
    return text.replaceAll("\\s+", " ").trim();
  }

  private static String display(URI url) {
    return url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
  }
}
