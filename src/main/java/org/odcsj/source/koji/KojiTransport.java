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
 * retry logged; any other non-200 status fails at once (the hub understood and refused).
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
          failure = "HTTP " + status + " from " + settings.hubUrl();
          if (status < 500) {
            throw new KojiException(method, failure, null);
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new KojiException(method, "interrupted", e);
      } catch (HttpConnectTimeoutException e) {
        failure = "cannot connect to " + settings.hubUrl() + " within " + settings.connectTimeout();
        cause = e;
      } catch (HttpTimeoutException | InterruptedIOException e) { // the hub may be overloaded
        failure = "no answer from " + settings.hubUrl() + " within " + settings.readTimeout();
        cause = e;
      } catch (XmlRpcResponseReader.MalformedResponse e) {
        throw new KojiException(method, e.getMessage(), e);
      } catch (IOException e) {
        failure = "cannot reach " + settings.hubUrl() + ": " + describe(e);
        cause = e;
      }
      if (attempt >= settings.attempts()) {
        String tries = attempt == 1 ? "" : " (" + attempt + " attempts)";
        throw new KojiException(method, failure + tries, cause);
      }
      LOG.log(
          Level.WARNING,
          "Koji call {0} failed ({1}); attempt {2} of {3} in {4} ms",
          new Object[] {method, failure, attempt + 1, settings.attempts(), backoff.toMillis()});
      sleep(method, backoff);
      backoff = min(backoff.multipliedBy(2), KojiHubSettings.MAX_BACKOFF);
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
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
