package org.odcsj.source.pulp;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Pulp: its URL ({@code odcs.pulp.url}, the API under {@code <url>/pulp/api/v2/}), the
 * Basic auth user and password, and the time an answer may take. {@link #toString()} never shows
 * the password.
 */
public record PulpSettings(URI url, String username, String password, Duration timeout) {

  public static final Duration TIMEOUT = Duration.ofSeconds(60);

  public PulpSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(timeout, "timeout");
    username = username == null ? "" : username;
    password = password == null ? "" : password;
  }

  /** The server's URL without a trailing slash. */
  String base() {
    return url.toString().replaceAll("/+$", "");
  }

  @Override
  public String toString() {
    return "PulpSettings[url=" + url + ", username=" + username + ", password=***]";
  }
}
