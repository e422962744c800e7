package org.odcsj.fetch;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Objects;

/**
 * GETs repository files over http(s) with {@link HttpClient}: connect timeout 10 s, 60 s until the
 * response starts (a body then streams as long as it takes), redirects followed (at most 10; never
 * from https to http). Credentials in a URL ({@code https://user:password@host/…}) are sent as
 * Basic auth, only to the URL's own scheme, host and port, and never appear in messages.
 *
 * <p>Failures are {@link IOException}s naming the URL and the status, e.g. {@code Cannot fetch
 * http://host/repo/repodata/repomd.xml: HTTP 404}; 404 and 410 are {@link FileNotFoundException}s,
 * like a missing local file. Thread-safe; one instance can serve all downloads.
 */
public final class HttpFiles {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final int MAX_REDIRECTS = 10;

  // Built on first use: an HttpClient starts a selector thread, and most users of an HttpFiles (a
  // local repository's fingerprint for every compose) never go over the network.
  private HttpClient client;
  private final Duration connectTimeout;
  private final Duration requestTimeout;

  public HttpFiles() {
    this(CONNECT_TIMEOUT, REQUEST_TIMEOUT);
  }

  public HttpFiles(Duration connectTimeout, Duration requestTimeout) {
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  private synchronized HttpClient client() {
    if (client == null) {
      client =
          HttpClient.newBuilder()
              .connectTimeout(connectTimeout)
              // redirects by hand: Basic auth must not follow them to another host
              .followRedirects(HttpClient.Redirect.NEVER)
              .version(HttpClient.Version.HTTP_1_1)
              .build();
    }
    return client;
  }

  /**
   * The body of {@code url} (status 200), streamed; the caller closes it.
   *
   * @throws FileNotFoundException on 404 or 410
   * @throws IOException on any other status, a network error or a timeout
   */
  public InputStream get(URI url) throws IOException {
    return send(url, null);
  }

  /**
   * Bytes {@code first..last} (inclusive) of {@code url}. A server that ignores the Range header
   * answers with the whole file, which then also starts at byte 0 — so for {@code first == 0} the
   * stream starts at byte 0 either way, and the caller reads as far as it needs.
   */
  public InputStream getRange(URI url, long first, long last) throws IOException {
    if (first != 0) {
      throw new IllegalArgumentException("only ranges from byte 0 are supported");
    }
    return send(url, "bytes=" + first + "-" + last);
  }

  /** {@code url} without {@code user:password@}, for messages, logs and candidate locations. */
  public static String display(URI url) {
    return withoutUserInfo(url).toString();
  }

  static URI withoutUserInfo(URI url) {
    if (url.getRawUserInfo() == null) {
      return url;
    }
    String authority = url.getRawAuthority();
    String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
    StringBuilder s = new StringBuilder().append(url.getScheme()).append("://").append(hostPort);
    if (url.getRawPath() != null) {
      s.append(url.getRawPath());
    }
    if (url.getRawQuery() != null) {
      s.append('?').append(url.getRawQuery());
    }
    if (url.getRawFragment() != null) {
      s.append('#').append(url.getRawFragment());
    }
    return URI.create(s.toString());
  }

  private InputStream send(URI url, String range) throws IOException {
    Urls.requireHttp(url, "URL");
    String shown = display(url);
    URI target = withoutUserInfo(url);
    String authorization = basicAuth(url);
    String authOrigin = origin(target);
    for (int redirects = 0; ; redirects++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(requestTimeout).GET();
      if (range != null) {
        request.header("Range", range);
      }
      if (authorization != null && origin(target).equals(authOrigin)) {
        request.header("Authorization", authorization);
      }
      HttpResponse<InputStream> response;
      try {
        response = client().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (HttpConnectTimeoutException e) {
        throw new IOException(
            "Cannot fetch " + shown + ": no connection within " + seconds(connectTimeout), e);
      } catch (HttpTimeoutException e) {
        throw new IOException(
            "Cannot fetch " + shown + ": no response within " + seconds(requestTimeout), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        InterruptedIOException io = new InterruptedIOException("Interrupted fetching " + shown);
        io.initCause(e);
        throw io;
      } catch (IOException e) {
        throw new IOException("Cannot fetch " + shown + ": " + describe(e), e);
      }
      int status = response.statusCode();
      if (status == 200 || (range != null && status == 206)) {
        return response.body();
      }
      response.body().close();
      String via = target.equals(withoutUserInfo(url)) ? "" : " (redirected to " + target + ")";
      if (isRedirect(status)) {
        String location = response.headers().firstValue("Location").orElse(null);
        if (location == null) {
          throw new IOException(
              "Cannot fetch " + shown + ": HTTP " + status + " without Location" + via);
        }
        if (redirects >= MAX_REDIRECTS) {
          throw new IOException("Cannot fetch " + shown + ": too many redirects" + via);
        }
        URI next;
        try {
          next = target.resolve(locationReference(location));
        } catch (IOException | IllegalArgumentException e) {
          throw new IOException(
              "Cannot fetch " + shown + ": invalid redirect to " + display(location), e);
        }
        if (!isHttp(next) || next.getHost() == null) {
          throw new IOException(
              "Cannot fetch " + shown + ": redirected to " + display(location) + ", not http(s)");
        }
        if ("https".equalsIgnoreCase(target.getScheme())
            && "http".equalsIgnoreCase(next.getScheme())) {
          throw new IOException(
              "Cannot fetch " + shown + ": refusing redirect from https to " + display(next));
        }
        target = withoutUserInfo(next);
        continue;
      }
      String message = "Cannot fetch " + shown + ": HTTP " + status + via;
      if (status == 404 || status == 410) {
        throw new FileNotFoundException(message);
      }
      throw new IOException(message);
    }
  }

  /** A Location header is a URI reference, normally already percent-encoded. */
  private static URI locationReference(String location) throws IOException {
    try {
      return new URI(location);
    } catch (URISyntaxException e) {
      return Urls.reference(location); // some servers send raw paths
    }
  }

  private static boolean isRedirect(int status) {
    return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
  }

  private static boolean isHttp(URI u) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("http") || scheme.equals("https");
  }

  private static String display(String location) {
    return Urls.redact(location);
  }

  private static String basicAuth(URI url) {
    String userInfo = url.getUserInfo(); // decoded
    if (userInfo == null) {
      return null;
    }
    return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
  }

  private static String origin(URI u) {
    String scheme = u.getScheme().toLowerCase(Locale.ROOT);
    int port = u.getPort() != -1 ? u.getPort() : scheme.equals("https") ? 443 : 80;
    return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    if (message == null || message.isBlank()) {
      Throwable cause = e.getCause();
      message = cause != null && cause.getMessage() != null ? cause.getMessage() : "";
    }
    String kind = e.getClass().getSimpleName();
    return message.isBlank() ? kind : kind + ": " + message;
  }
}
