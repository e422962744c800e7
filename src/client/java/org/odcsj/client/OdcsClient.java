package org.odcsj.client;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import javax.net.ssl.SSLContext;

/**
 * The ODCS API from Java: every operation, typed. Build one per server and share it (it is thread
 * safe):
 *
 * <pre>{@code
 * OdcsClient odcs = OdcsClient.builder("https://odcs.example.com").token(token).build();
 * Compose c = odcs.submit(ComposeRequest.tag("f40-build").packages("bash").build());
 * Compose done = odcs.waitFor(c.id(), Duration.ofMinutes(30), WaitListener.NONE);
 * }</pre>
 *
 * <p>Errors: an answer other than 2xx becomes an {@link OdcsException} carrying the status and the
 * message of the server's JSON envelope. Calls that change nothing or can safely be repeated (GET,
 * DELETE) are retried with backoff when the connection fails or the server answers 503; POST and
 * PATCH never are (a second POST would be a second compose).
 */
public final class OdcsClient {

  private final URI api;
  private final HttpClient http;
  private final String token;
  private final Spnego kerberos;
  private final int attempts;
  private final Duration retryDelay;

  private OdcsClient(Builder b) {
    String server = b.server.endsWith("/") ? b.server : b.server + "/";
    this.api = URI.create(server + "api/1/");
    HttpClient.Builder http =
        HttpClient.newBuilder()
            .connectTimeout(b.connectTimeout)
            .followRedirects(HttpClient.Redirect.NORMAL);
    if (b.sslContext != null) {
      http.sslContext(b.sslContext);
    }
    this.http = http.build();
    this.token = b.token;
    this.kerberos = b.kerberos;
    this.attempts = b.attempts;
    this.retryDelay = b.retryDelay;
  }

  public static Builder builder(String serverUrl) {
    return new Builder(serverUrl);
  }

  /** Where the client sends its requests ({@code <server>/api/1/}). */
  public URI apiUrl() {
    return api;
  }

  public Compose submit(ComposeRequest request) {
    return Compose.of(object(send("POST", api.resolve("composes/"), request.toJson(), false)));
  }

  public Compose get(long id) {
    return Compose.of(object(send("GET", api.resolve("composes/" + id), null, true)));
  }

  /** One page of composes. */
  public Page list(ComposeQuery query) {
    String q = query.queryString();
    JsonObject page =
        object(send("GET", api.resolve("composes/" + (q.isEmpty() ? "" : "?" + q)), null, true));
    JsonObject meta = page.getJsonObject("meta");
    return new Page(
        page.getJsonArray("items").getValuesAs(JsonObject.class).stream().map(Compose::of).toList(),
        meta.getInt("page"),
        meta.getInt("pages"),
        meta.getInt("per_page"),
        meta.getJsonNumber("total").longValue());
  }

  /**
   * Every compose the query matches, from its page on, fetching each next page only when the
   * iteration gets there.
   */
  public Stream<Compose> listAll(ComposeQuery query) {
    Iterator<Compose> all =
        new Iterator<>() {
          private Page page = list(query);
          private int index;

          @Override
          public boolean hasNext() {
            while (index >= page.items().size()) {
              if (!page.hasNext() || page.items().isEmpty()) {
                return false;
              }
              page = list(query.copy().page(page.page() + 1));
              index = 0;
            }
            return true;
          }

          @Override
          public Compose next() {
            if (!hasNext()) {
              throw new NoSuchElementException();
            }
            return page.items().get(index++);
          }
        };
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(all, Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /**
   * Renews a compose: extends a done one (same id) or generates a failed or removed one again (a
   * new id); {@code secondsToLive} null means the server default.
   */
  public Compose renew(long id, Long secondsToLive) {
    var body = JsonSupport.JSON.createObjectBuilder();
    if (secondsToLive != null) {
      body.add("seconds_to_live", secondsToLive);
    }
    return Compose.of(object(send("PATCH", api.resolve("composes/" + id), body.build(), false)));
  }

  /** A renewal with other fields too (e.g. {@code sigkeys} for a respin), as the server takes. */
  public Compose renew(long id, JsonObject patch) {
    return Compose.of(object(send("PATCH", api.resolve("composes/" + id), patch, false)));
  }

  /** Cancels a waiting or generating compose, or (admins) removes a done or failed one. */
  public String delete(long id) {
    JsonObject answer = object(send("DELETE", api.resolve("composes/" + id), null, true));
    return answer.getString("message", "");
  }

  public JsonObject about() {
    return object(send("GET", api.resolve("about/"), null, true));
  }

  /** The server's metrics, in the Prometheus text format. */
  public String metrics() {
    return send("GET", api.resolve("metrics/"), null, true, "text/plain").body();
  }

  /**
   * Waits until compose {@code id} is {@code done}, {@code failed} or {@code removed}, polling with
   * backoff and telling {@code listener} of state changes, progress and (when it asks) new log
   * lines.
   *
   * @throws ComposeWaitTimeout when {@code timeout} passes first
   */
  public Compose waitFor(long id, Duration timeout, WaitListener listener) {
    return new ComposeWaiter(this, listener).poll(id, timeout);
  }

  /**
   * Waits as {@link #waitFor(long, Duration, WaitListener)}, without polling: listening to the
   * state-changed topic through {@code events}.
   */
  public Compose waitFor(long id, Duration timeout, WaitListener listener, ComposeEvents events) {
    return new ComposeWaiter(this, listener).listen(id, timeout, events);
  }

  /**
   * The part of the compose's generation log from byte {@code offset} on ({@code Range}); empty
   * when nothing is new, absent when the server has no log (yet).
   */
  public Optional<byte[]> log(Compose compose, long offset) {
    URI url = compose.logUrl();
    if (url == null) {
      return Optional.empty();
    }
    HttpRequest.Builder request = request(url, "*/*").GET();
    if (offset > 0) {
      request.header("Range", "bytes=" + offset + "-");
    }
    HttpResponse<byte[]> r =
        exchange(request.build(), HttpResponse.BodyHandlers.ofByteArray(), true);
    return switch (r.statusCode()) {
      case 404 -> Optional.empty();
      case 416 -> Optional.of(new byte[0]);
      case 200 -> {
        byte[] all = r.body();
        int from = (int) Math.min(offset, all.length);
        yield Optional.of(java.util.Arrays.copyOfRange(all, from, all.length));
      }
      case 206 -> Optional.of(r.body());
      default ->
          throw error(
              r.statusCode(), new String(r.body(), java.nio.charset.StandardCharsets.UTF_8), r);
    };
  }

  private HttpRequest.Builder request(URI uri, String accept) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).header("Accept", accept);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    } else if (kerberos != null) {
      request.header("Authorization", kerberos.header(uri.getHost()));
    }
    return request;
  }

  private HttpResponse<String> send(String method, URI uri, JsonValue body, boolean idempotent) {
    return send(method, uri, body, idempotent, "application/json");
  }

  private HttpResponse<String> send(
      String method, URI uri, JsonValue body, boolean idempotent, String accept) {
    HttpRequest.Builder request = request(uri, accept);
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> r =
        exchange(request.build(), HttpResponse.BodyHandlers.ofString(), idempotent);
    if (r.statusCode() / 100 != 2) {
      throw error(r.statusCode(), r.body(), r);
    }
    return r;
  }

  private <T> HttpResponse<T> exchange(
      HttpRequest request, HttpResponse.BodyHandler<T> handler, boolean idempotent) {
    int tries = idempotent ? attempts : 1;
    Duration delay = retryDelay;
    for (int attempt = 1; ; attempt++) {
      try {
        HttpResponse<T> r = http.send(request, handler);
        if (r.statusCode() == 503 && attempt < tries) {
          sleep(delay);
          delay = delay.multipliedBy(2);
          continue;
        }
        return r;
      } catch (IOException e) {
        if (attempt >= tries) {
          throw new OdcsException(
              "Cannot reach "
                  + request.uri().getScheme()
                  + "://"
                  + request.uri().getAuthority()
                  + ": "
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
              e);
        }
        sleep(delay);
        delay = delay.multipliedBy(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new OdcsException("Interrupted", e);
      }
    }
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OdcsException("Interrupted", e);
    }
  }

  private static OdcsException error(int status, String body, HttpResponse<?> r) {
    String errorId = r.headers().firstValue("X-Error-Id").orElse(null);
    try {
      if (JsonSupport.parse(body) instanceof JsonObject envelope) {
        return new OdcsException(
            envelope.getInt("status", status),
            envelope.getString("error", null),
            envelope.getString("message", body),
            errorId);
      }
    } catch (RuntimeException notJson) {
      // a proxy's or the HTTP layer's own page: keep its first line
    }
    String firstLine = body == null ? "" : body.strip().lines().findFirst().orElse("");
    return new OdcsException(status, null, firstLine, errorId);
  }

  private static JsonObject object(HttpResponse<String> r) {
    return (JsonObject) JsonSupport.parse(r.body());
  }

  /** The settings of a client: the server, how to authenticate, retries. */
  public static final class Builder {
    private final String server;
    private String token;
    private Spnego kerberos;
    private SSLContext sslContext;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private int attempts = 4;
    private Duration retryDelay = Duration.ofMillis(500);

    private Builder(String server) {
      this.server = server;
    }

    /** OpenID Connect: {@code Authorization: Bearer <token>}. */
    public Builder token(String token) {
      this.token = token;
      return this;
    }

    /** Kerberos (SPNEGO) with the ticket of the Kerberos ticket cache ({@code kinit}). */
    public Builder kerberos() {
      this.kerberos = Spnego.fromTicketCache();
      return this;
    }

    /** Kerberos (SPNEGO) as {@code principal}, with its key from {@code keytab}. */
    public Builder kerberos(String principal, Path keytab) {
      this.kerberos = Spnego.fromKeytab(principal, keytab);
      return this;
    }

    /**
     * TLS settings: trusted CAs and, for the {@code ssl} backend, the client certificate (see
     * {@link TlsContexts}).
     */
    public Builder sslContext(SSLContext context) {
      this.sslContext = context;
      return this;
    }

    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = timeout;
      return this;
    }

    /** How often an idempotent call is tried when the server cannot be reached (default 4). */
    public Builder retries(int attempts, Duration firstDelay) {
      this.attempts = Math.max(1, attempts);
      this.retryDelay = firstDelay;
      return this;
    }

    public OdcsClient build() {
      return new OdcsClient(this);
    }
  }
}
