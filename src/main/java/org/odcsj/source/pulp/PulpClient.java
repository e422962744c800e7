package org.odcsj.source.pulp;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.odcsj.source.SourceFailure;

/**
 * Pulp 2's REST API as ODCS speaks it, with Basic auth: the repository search by content set and
 * one repository by id, tried again while Pulp is unreachable or answers 5xx. Answers are bounded
 * ({@link #MAX_ANSWER}); failures are {@link SourceFailure}s naming the URL and status, never the
 * password. Thread-safe.
 */
final class PulpClient {
  private static final JsonProvider JSON = JsonProvider.provider();

  /** A larger answer is refused: a search for a few content sets is kilobytes. */
  static final int MAX_ANSWER = 32 << 20;

  /** Attempts of a request while Pulp is unreachable or answers 5xx (1 s, then 2 s between). */
  static final int ATTEMPTS = 3;

  static final java.time.Duration BACKOFF = java.time.Duration.ofSeconds(1);

  private static final java.util.logging.Logger LOG =
      java.util.logging.Logger.getLogger(PulpClient.class.getName());

  private final PulpSettings settings;
  private final HttpClient http;

  PulpClient(PulpSettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /**
   * The repositories of these content sets, published ones only unless {@code includeUnpublished}
   * ({@code POST …/repositories/search/}).
   */
  List<PulpRepository> searchContentSets(List<String> contentSets, boolean includeUnpublished)
      throws SourceFailure {
    var filters =
        JSON.createObjectBuilder()
            .add(
                "notes.content_set",
                JSON.createObjectBuilder().add("$in", JSON.createArrayBuilder(contentSets)));
    if (!includeUnpublished) {
      filters.add("notes.include_in_download_service", "True");
    }
    String body =
        JSON.createObjectBuilder()
            .add(
                "criteria",
                JSON.createObjectBuilder()
                    .add("filters", filters)
                    .add("fields", JSON.createArrayBuilder(List.of("notes", "id"))))
            .build()
            .toString();
    URI uri = api("repositories/search/");
    HttpRequest request =
        request(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    String answer = send(request, false).orElseThrow();
    JsonStructure json = parse(answer, uri);
    if (!(json instanceof JsonArray repos)) {
      throw new SourceFailure("Pulp answered " + uri + " with something else than a list");
    }
    List<PulpRepository> found = new ArrayList<>();
    for (JsonValue repo : repos) {
      if (repo instanceof JsonObject o) {
        found.add(repository(o));
      }
    }
    return found;
  }

  /**
   * The repository {@code id} ({@code GET …/repositories/<id>/}) when Pulp has it and it is
   * published (or {@code includeUnpublished}); empty on 404.
   */
  Optional<PulpRepository> repository(String id, boolean includeUnpublished) throws SourceFailure {
    URI uri = api("repositories/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/");
    Optional<String> answer = send(request(uri).GET().build(), true);
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    if (!(parse(answer.get(), uri) instanceof JsonObject o)) {
      throw new SourceFailure("Pulp answered " + uri + " with something else than an object");
    }
    if (!includeUnpublished && !truthy(notes(o).get("include_in_download_service"))) {
      return Optional.empty();
    }
    return Optional.of(repository(o));
  }

  private PulpRepository repository(JsonObject o) throws SourceFailure {
    JsonObject notes = notes(o);
    String id = text(o.get("id"));
    String relative = text(notes.get("relative_url"));
    if (id == null || relative == null) {
      throw new SourceFailure("Pulp repository " + id + " has no id or no notes.relative_url");
    }
    String url = (settings.base() + "/" + relative.replaceAll("^/+", "")).replaceAll("/+$", "");
    if (url.startsWith("https://")) {
      url = "http://" + url.substring("https://".length());
    }
    String arch = text(notes.get("arch"));
    String signatures = text(notes.get("signatures"));
    List<String> sigkeys =
        signatures == null
            ? List.of()
            : Arrays.stream(signatures.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .sorted()
                .toList();
    JsonValue versions = notes.get("product_versions");
    String productVersions =
        versions == null || versions.getValueType() == JsonValue.ValueType.NULL
            ? null
            : versions instanceof JsonString s ? s.getString() : versions.toString();
    return PulpRepository.of(
        id,
        text(notes.get("content_set")),
        url,
        arch == null ? Set.of() : Set.of(arch),
        sigkeys,
        productVersions);
  }

  private static JsonObject notes(JsonObject o) {
    return o.get("notes") instanceof JsonObject n ? n : JsonValue.EMPTY_JSON_OBJECT;
  }

  private static String text(JsonValue v) {
    return v instanceof JsonString s ? s.getString() : null;
  }

  private static boolean truthy(JsonValue v) {
    if (v == null) {
      return false;
    }
    return switch (v.getValueType()) {
      case TRUE -> true;
      case STRING -> {
        String s = ((JsonString) v).getString();
        yield !s.isEmpty() && !s.equalsIgnoreCase("false") && !s.equals("0");
      }
      default -> false;
    };
  }

  private URI api(String path) {
    return URI.create(settings.base() + "/pulp/api/v2/" + path);
  }

  private HttpRequest.Builder request(URI uri) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(settings.timeout())
            .header("Accept", "application/json");
    if (!settings.username().isEmpty()) {
      String token = settings.username() + ":" + settings.password();
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.UTF_8)));
    }
    return b;
  }

  /** The answer's text; empty on 404 when {@code notFoundIsEmpty}. */
  private Optional<String> send(HttpRequest request, boolean notFoundIsEmpty) throws SourceFailure {
    HttpResponse<InputStream> response = null;
    for (int attempt = 1; response == null; attempt++) {
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 == 5 && attempt < ATTEMPTS) {
          response.body().close();
          response = null;
          LOG.warning("Pulp answered HTTP 5xx for " + request.uri() + "; trying again");
        }
      } catch (IOException e) {
        if (attempt >= ATTEMPTS) {
          throw new SourceFailure(
              "Pulp connection has failed: " + request.method() + " " + request.uri() + ": " + e);
        }
        LOG.warning("Pulp connection has failed: " + request.uri() + ": " + e + "; trying again");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SourceFailure("Interrupted while asking Pulp at " + request.uri());
      }
      if (response == null) {
        pause(attempt);
      }
    }
    try (InputStream body = response.body()) {
      int status = response.statusCode();
      if (status == 404 && notFoundIsEmpty) {
        return Optional.empty();
      }
      if (status == 401 || status == 403) {
        throw new SourceFailure(
            "Pulp refused the credentials of user '"
                + settings.username()
                + "' (HTTP "
                + status
                + ") for "
                + request.method()
                + " "
                + request.uri());
      }
      if (status / 100 != 2) {
        throw new SourceFailure(
            "Pulp answered HTTP " + status + " for " + request.method() + " " + request.uri());
      }
      byte[] bytes = body.readNBytes(MAX_ANSWER + 1);
      if (bytes.length > MAX_ANSWER) {
        throw new SourceFailure(
            "Pulp's answer to " + request.uri() + " exceeds " + (MAX_ANSWER >> 20) + " MiB");
      }
      return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new SourceFailure("Pulp connection has failed: " + request.uri() + ": " + e);
    }
  }

  private static void pause(int attempt) throws SourceFailure {
    try {
      Thread.sleep(BACKOFF.toMillis() << (attempt - 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SourceFailure("Interrupted while waiting for Pulp");
    }
  }

  private static JsonStructure parse(String text, URI uri) throws SourceFailure {
    try (var reader = JSON.createReader(new StringReader(text))) {
      return reader.read();
    } catch (RuntimeException e) {
      throw new SourceFailure("Pulp answered " + uri + " with malformed JSON: " + e.getMessage());
    }
  }
}
