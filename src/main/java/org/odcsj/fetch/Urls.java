package org.odcsj.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** URL checks and href references shared by the repository sources and {@link HttpFiles}. */
public final class Urls {
  public static final Pattern SCHEME = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*):");
  public static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/?#]*@");

  private Urls() {}

  public static void requireHttp(URI u, String what) {
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https")) {
      throw new IllegalArgumentException(
          "Unsupported "
              + what
              + " "
              + HttpFiles.display(u)
              + ": only http and https URLs are accepted");
    }
    if (u.getHost() == null) {
      throw new IllegalArgumentException(
          "Invalid " + what + " " + HttpFiles.display(u) + ": no host");
    }
  }

  public static void requireHttpIo(URI u, String href, String base) throws IOException {
    try {
      requireHttp(u, "location");
    } catch (IllegalArgumentException e) {
      throw new IOException(
          "Cannot fetch "
              + href
              + (base == null ? "" : " (xml:base " + redact(base) + ")")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /**
   * A relative reference for a path as repodata writes it (not percent-encoded); an absolute URL
   * stays as it is.
   */
  public static URI reference(String href) throws IOException {
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
      throw new IOException("Invalid location " + redact(href) + ": " + e.getReason(), e);
    }
  }

  /** {@code url} with any {@code user:password@} removed, for messages and logs. */
  public static String redact(String url) {
    return url == null ? null : USER_INFO.matcher(url).replaceFirst("$1");
  }
}
