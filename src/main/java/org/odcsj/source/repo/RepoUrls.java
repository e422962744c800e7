package org.odcsj.source.repo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URL checks and href references shared by {@link RepoLocation} and {@link RepoHttp}. */
final class RepoUrls {
  static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
  static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#]*@");

  private RepoUrls() {}

  static void requireHttp(URI u, String what) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "Unsupported "
              + what
              + " "
              + RepoHttp.display(u)
              + ": only http and https URLs are accepted");
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException(
          "Invalid " + what + " " + RepoHttp.display(u) + ": no host");
    }
  }

  static void requireHttpIo(URI u, String href, String base) throws IOException {
    try {
      requireHttp(u, "location");
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "Cannot fetch "
              + href
              + (base == null ? "" : " (xml:base " + RepoLocation.redact(base) + ")")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * A relative reference for a path as repodata writes it (not percent-encoded); an absolute URL
   * stays as it is.
   */
  static URI reference(String href) throws IOException {
    Matcher m = SCHEME.matcher(href);
    try {
      if (m.find()) {
        String scheme = m.group(1).toLowerCase(Locale.ROOT);
        if (scheme.equals("http") || scheme.equals("https")) {
          return new URI(href);
        }
        // "a:b.rpm" is a file name with a colon, not a URL with scheme "a"; and a package is
        // never fetched from file: or any other scheme
        return new URI(null, null, "./" + href, null);
      }
      return new URI(null, null, href, null);
    } catch (URISyntaxException e) {
      throw new IOException(
          "Invalid location " + RepoLocation.redact(href) + ": " + e.getReason(), e);
    }
  }
}
