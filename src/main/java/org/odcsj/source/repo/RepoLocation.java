package org.odcsj.source.repo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import org.odcsj.fetch.HttpFiles;
import org.odcsj.fetch.Urls;

/**
 * Where a yum repository is: a local directory or an http(s) base URL. Resolves the {@code location
 * href}s (and {@code xml:base}) of its metadata. {@link #toString()} never shows credentials a URL
 * may carry ({@code https://user:password@host/…}).
 *
 * <pre>
 * RepoLocation.parse("/mnt/koji/repos/f40-build/latest/x86_64")  // Local
 * RepoLocation.parse("file:///mnt/koji/repos/f40-build/latest")  // Local
 * RepoLocation.parse("https://kojipkgs.example/repos/f40/x86_64") // Remote
 * RepoLocation.parse("ftp://mirror.example/fedora")              // IllegalArgumentException
 * </pre>
 *
 * The allow-list of local roots is checked elsewhere; this class only sorts and validates.
 */
public sealed interface RepoLocation permits RepoLocation.Local, RepoLocation.Remote {

  /**
   * A path ({@code /srv/repo}), a {@code file:} URL, or an {@code http}/{@code https} URL.
   *
   * @throws IllegalArgumentException for any other URL scheme, a URL without host, or a malformed
   *     URL (the message shows the location without credentials)
   */
  static RepoLocation parse(String location) {
    Objects.requireNonNull(location, "location");
    String s = location.strip();
    if (s.isEmpty()) {
      throw new IllegalArgumentException("empty repository location");
    }
    Matcher m = Urls.SCHEME.matcher(s);
    if (!m.find()) {
      return new Local(Path.of(s));
    }
    String scheme = m.group(1).toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "http", "https":
        return remote(s);
      case "file":
        try {
          return new Local(Path.of(new URI(s)));
        } catch (URISyntaxException | IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "Invalid repository URL " + redact(s) + ": " + e.getMessage(), e);
        }
      default:
        throw new IllegalArgumentException(
            "Unsupported repository URL "
                + redact(s)
                + ": only http and https URLs and local paths are accepted, not "
                + scheme
                + ":");
    }
  }

  static Local local(Path dir) {
    return new Local(dir);
  }

  /**
   * An http(s) repository base URL.
   *
   * @throws IllegalArgumentException for another scheme, no host, or a malformed URL
   */
  static Remote remote(String url) {
    try {
      return new Remote(new URI(url.strip()));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "Invalid repository URL " + redact(url) + ": " + e.getReason(), e);
    }
  }

  /** {@code url} with any {@code user:password@} removed, for messages and logs. */
  static String redact(String url) {
    return Urls.redact(url);
  }

  /** A repository in a local directory. */
  record Local(Path dir) implements RepoLocation {
    public Local {
      Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String toString() {
      return dir.toString();
    }
  }

  /**
   * A repository served over http(s). {@code baseUrl} always ends with {@code /}; it may carry
   * credentials, which {@link #toString()} leaves out and {@link HttpFiles} sends as Basic auth.
   */
  record Remote(URI baseUrl) implements RepoLocation {
    public Remote {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Urls.requireHttp(baseUrl, "repository URL");
      if (baseUrl.getRawFragment() != null || baseUrl.getRawQuery() != null) {
        // a query would end up between the path and the href; refuse rather than guess
        throw new IllegalArgumentException(
            "Repository URL " + HttpFiles.display(baseUrl) + " must not have a query or fragment");
      }
      String scheme = baseUrl.getScheme();
      if (!scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
        baseUrl =
            URI.create(
                scheme.toLowerCase(Locale.ROOT) + baseUrl.toString().substring(scheme.length()));
      }
      String path = baseUrl.getRawPath();
      if (path == null || !path.endsWith("/")) {
        baseUrl = URI.create(baseUrl.toString() + "/"); // no query or fragment: the path's end
      }
    }

    /** {@code repodata/repomd.xml} under the base URL. */
    public URI repomdUrl() {
      return baseUrl.resolve("repodata/repomd.xml");
    }

    /** A metadata file's URL ({@code href} from repomd.xml, relative to the base). */
    public URI resolve(String href) throws IOException {
      URI u = baseUrl.resolve(Urls.reference(href));
      Urls.requireHttpIo(u, href, null);
      return u;
    }

    /**
     * A package's URL: {@code href} against {@code xmlBase} (absolute http(s), or relative to the
     * base URL) when primary gives one, else against the base URL.
     *
     * @throws IOException when the package would be fetched from anything but http(s)
     */
    public URI resolve(String xmlBase, String href) throws IOException {
      URI base = baseUrl;
      if (xmlBase != null && !xmlBase.isBlank()) {
        String b = xmlBase.strip();
        b = b.endsWith("/") ? b : b + "/";
        Matcher m = Urls.SCHEME.matcher(b);
        if (m.find()) {
          String scheme = m.group(1).toLowerCase(Locale.ROOT);
          if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IOException(
                "primary metadata of "
                    + this
                    + " locates "
                    + href
                    + " at "
                    + redact(xmlBase)
                    + ", which is not an http(s) URL");
          }
          base = Urls.reference(b);
        } else {
          base = baseUrl.resolve(Urls.reference(b));
        }
      }
      URI u = base.resolve(Urls.reference(href));
      Urls.requireHttpIo(u, href, xmlBase);
      return u;
    }

    @Override
    public String toString() {
      return HttpFiles.display(baseUrl);
    }
  }
}
