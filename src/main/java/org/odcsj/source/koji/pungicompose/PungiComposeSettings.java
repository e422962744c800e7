package org.odcsj.source.koji.pungicompose;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where {@code pungi_compose} metadata may be fetched from: URL prefixes ({@code
 * odcs.pungi-compose.allowed-roots}, e.g. {@code https://composes.example.com/}; none by default,
 * which refuses every source), and how long a fetch may take.
 */
public record PungiComposeSettings(List<String> allowedRoots, Duration timeout) {
  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  public PungiComposeSettings {
    allowedRoots = List.copyOf(allowedRoots);
    Objects.requireNonNull(timeout, "timeout");
  }

  public static PungiComposeSettings of(List<String> allowedRoots) {
    return new PungiComposeSettings(allowedRoots, TIMEOUT);
  }

  /**
   * Whether {@code url} (already normalized) is under one of the roots; a root not ending in {@code
   * /} still matches only whole path segments ({@code https://h/c} allows {@code https://h/c/x},
   * not {@code https://h/cx}).
   */
  boolean allows(String url) {
    for (String root : allowedRoots) {
      if (root.isBlank() || !url.startsWith(root)) {
        continue;
      }
      if (root.endsWith("/") || url.length() == root.length() || url.charAt(root.length()) == '/') {
        return true;
      }
    }
    return false;
  }
}
