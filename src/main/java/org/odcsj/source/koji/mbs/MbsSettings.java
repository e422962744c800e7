package org.odcsj.source.koji.mbs;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach MBS: its URL up to and without {@code /1/} ({@code odcs.mbs.url}, e.g. {@code
 * https://mbs.fedoraproject.org/module-build-service}), timeouts, and how many attempts a request
 * gets when MBS is unreachable or answers 5xx (waiting {@code backoff}, doubled each time).
 */
public record MbsSettings(
    URI url, Duration connectTimeout, Duration readTimeout, int attempts, Duration backoff) {

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(60);
  public static final int ATTEMPTS = 4;
  public static final Duration BACKOFF = Duration.ofSeconds(1);

  public MbsSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(backoff, "backoff");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
  }

  public static MbsSettings of(URI url) {
    return new MbsSettings(url, CONNECT_TIMEOUT, READ_TIMEOUT, ATTEMPTS, BACKOFF);
  }

  /** {@code <url>/1/module-builds/}. */
  URI moduleBuilds() {
    String base = url.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/1/module-builds/");
  }
}
