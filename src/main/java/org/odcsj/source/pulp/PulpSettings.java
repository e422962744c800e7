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

  /**
   * The server's URL without a trailing slash, and without credentials a URL may carry: repository
   * URLs made from it are written into .repo files (the API authenticates with username and
   * password).
   */
  String base() {
    String text = url.toString();
    if (url.getRawUserInfo() != null) {
      text = text.replace(url.getRawUserInfo() + "@", "");
    }
    return text.replaceAll("/+$", "");
  }

  @Override
  public String toString() {
    return "PulpSettings[url=" + base() + ", username=" + username + ", password=***]";
  }
}
