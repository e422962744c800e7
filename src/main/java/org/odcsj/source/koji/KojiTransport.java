package org.odcsj.source.koji;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * POSTs one XML-RPC body to the hub and reads the answer. A connection error, a timeout or a 5xx
 * answer is retried up to {@link KojiHubSettings#attempts()} in all, with doubling backoff, each
 * retry logged, and the last one's failure thrown as {@link KojiHubUnreachable}; any other non-200
 * status fails at once (the hub understood and refused).
 */
final class KojiTransport {
  private static final Logger LOG = Logger.getLogger(KojiTransport.class.getName());

  private final KojiHubSettings settings;
  private final HttpClient client;

  KojiTransport(KojiHubSettings settings) {
    this.settings = settings;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** The parsed answer: a value, or an {@link XmlRpcFault}. */
  Object post(String method, byte[] body) {
    HttpRequest request =
        HttpRequest.newBuilder(settings.hubUrl())
            .timeout(settings.readTimeout())
            .header("Content-Type", "text/xml")
            .header("Accept", "text/xml")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    Duration backoff = settings.backoff();
    for (int attempt = 1; ; attempt++) {
      String failure;
      Throwable cause = null;
      try {
        HttpResponse<InputStream> response =
            client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
          int status = response.statusCode();
          if (status == 200) {
            return XmlRpcResponseReader.read(in);
          }
          failure = "HTTP " + status;
          if (status < 500) {
            throw new KojiException(method, failure + " from " + settings.hubUrl(), null);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KojiException(method, "interrupted", e);
      } catch (HttpConnectTimeoutException e) {
        failure = "no connection within " + settings.connectTimeout();
        cause = e;
      } catch (HttpTimeoutException | InterruptedIOException e) { // the hub may be overloaded
        failure = "no answer within " + settings.readTimeout();
        cause = e;
      } catch (XmlRpcResponseReader.MalformedResponse e) {
        throw new KojiException(method, e.getMessage(), e);
      } catch (IOException e) {
        failure = describe(e);
        cause = e;
      }
      if (attempt >= settings.attempts()) {
        throw new KojiHubUnreachable(settings.hubUrl(), method, attempt, failure, cause);
      }
      LOG.log(
          Level.WARNING,
          "Koji call {0} to {5} failed ({1}); attempt {2} of {3} in {4} ms",
          new Object[] {
            method, failure, attempt + 1, settings.attempts(), backoff.toMillis(), settings.hubUrl()
          });
      sleep(method, backoff);
      backoff = min(backoff.multipliedBy(2), KojiHubSettings.MAX_BACKOFF);
    }
  }

  /** The first message in the cause chain: java.net.http often wraps the one that says why. */
  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    // java.net.http throws a bare ConnectException when the port is closed
    return e instanceof java.net.ConnectException
        ? "connection refused"
        : e.getClass().getSimpleName();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static void sleep(String method, Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KojiException(method, "interrupted", e);
    }
  }
}
