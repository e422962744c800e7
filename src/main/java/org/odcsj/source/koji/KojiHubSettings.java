package org.odcsj.source.koji;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to talk to a hub: its URL ({@code odcs.koji.hub-url}), the connect timeout, the time allowed
 * until the answer starts (the hub sends it once the call has run), how many attempts a call gets
 * when the hub is unreachable or answers 5xx (waiting {@code backoff}, then twice as long each
 * time, at most {@link #MAX_BACKOFF}), and how many calls one {@code multiCall} request carries
 * (the hub caps request bodies at 4 MiB).
 */
public record KojiHubSettings(
    URI hubUrl,
    Duration connectTimeout,
    Duration readTimeout,
    int attempts,
    Duration backoff,
    int multicallBatchSize) {
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(120);
  public static final int ATTEMPTS = 4;
  public static final Duration BACKOFF = Duration.ofSeconds(1);
  public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
  public static final int MULTICALL_BATCH_SIZE = 500;

  public KojiHubSettings {
    Objects.requireNonNull(hubUrl, "hubUrl");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(readTimeout, "readTimeout");
    Objects.requireNonNull(backoff, "backoff");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
    }
    if (multicallBatchSize < 1) {
      throw new IllegalArgumentException(
          "multicallBatchSize must be at least 1, not " + multicallBatchSize);
    }
  }

  /** The defaults for {@code hubUrl}. */
  public static KojiHubSettings of(URI hubUrl) {
    return new KojiHubSettings(
        hubUrl, CONNECT_TIMEOUT, READ_TIMEOUT, ATTEMPTS, BACKOFF, MULTICALL_BATCH_SIZE);
  }

  public KojiHubSettings withTimeouts(Duration connect, Duration read) {
    return new KojiHubSettings(hubUrl, connect, read, attempts, backoff, multicallBatchSize);
  }

  public KojiHubSettings withRetries(int attempts, Duration backoff) {
    return new KojiHubSettings(
        hubUrl, connectTimeout, readTimeout, attempts, backoff, multicallBatchSize);
  }

  public KojiHubSettings withMulticallBatchSize(int size) {
    return new KojiHubSettings(hubUrl, connectTimeout, readTimeout, attempts, backoff, size);
  }
}
