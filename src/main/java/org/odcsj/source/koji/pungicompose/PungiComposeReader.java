package org.odcsj.source.koji.pungicompose;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * Resolves a {@code pungi_compose} source as ODCS does: fetches the compose's {@code
 * metadata/rpms.json} (only under the allowed roots) and derives arches, builds, packages and
 * sigkeys from its variant. Thread-safe.
 */
public final class PungiComposeReader {
  private final PungiComposeSettings settings;
  private final HttpClient http;

  public PungiComposeReader(PungiComposeSettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER) // a redirect could leave the allowed roots
            .build();
  }

  /**
   * @throws PungiComposeException naming the URL: refused, unreachable, not found, not productmd,
   *     or without the variant
   */
  public PungiComposeContent read(String source) {
    PungiComposeUrl url = PungiComposeUrl.parse(source, settings);
    HttpRequest get =
        HttpRequest.newBuilder(url.rpmsJson()).timeout(settings.timeout()).GET().build();
    HttpResponse<InputStream> response;
    try {
      response = http.send(get, HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw new PungiComposeException("Cannot fetch " + url.rpmsJson() + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PungiComposeException("Interrupted fetching " + url.rpmsJson(), e);
    }
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new PungiComposeException(
            "Cannot fetch " + url.rpmsJson() + ": HTTP " + response.statusCode());
      }
      return RpmsJsonReader.read(body, url.rpmsJson().toString(), url.variant());
    } catch (IOException e) {
      throw new PungiComposeException("Cannot fetch " + url.rpmsJson() + ": " + describe(e), e);
    }
  }

  private static String describe(IOException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
    }
    return e instanceof java.net.ConnectException
        ? "connection refused"
        : e.getClass().getSimpleName();
  }
}
