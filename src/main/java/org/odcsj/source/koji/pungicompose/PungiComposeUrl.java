package org.odcsj.source.koji.pungicompose;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * A {@code pungi_compose} source: the URL of a variant of a Pungi-layout compose, {@code
 * …/compose/<Variant>}, whose metadata is {@code …/compose/metadata/rpms.json}. Only {@code
 * http(s)}: ODCS fetches it with an HTTP GET, so a local path or {@code file:} URL was never a
 * {@code pungi_compose} source there, and reading local files on a user's word would bypass the
 * roots {@code repo} sources are held to.
 */
public record PungiComposeUrl(URI variantUrl, String variant, URI rpmsJson) {

  /**
   * Parses and checks {@code source} (a trailing {@code /} is ignored).
   *
   * @throws PungiComposeException naming the source when it is not such a URL or not under the
   *     allowed roots
   */
  public static PungiComposeUrl parse(String source, PungiComposeSettings settings) {
    String trimmed = source == null ? "" : source.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    URI uri;
    try {
      uri = new URI(trimmed);
    } catch (URISyntaxException e) {
      throw refused(source, "is not a URL: " + e.getReason());
    }
    String scheme =
        uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw refused(source, "is not an http(s) URL of a compose variant");
    }
    if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw refused(source, "must not carry user info, a query or a fragment");
    }
    String path = uri.getPath() == null ? "" : uri.getPath();
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        throw refused(source, "must not contain '.' or '..' path segments");
      }
    }
    int slash = path.lastIndexOf('/');
    String variant = slash < 0 ? "" : path.substring(slash + 1);
    if (variant.isEmpty() || slash == 0) {
      throw refused(source, "does not name a variant (…/compose/<Variant>)");
    }
    if (!settings.allows(uri.toString())) {
      throw refused(
          source,
          "is not under an allowed root (odcs.pungi-compose.allowed-roots: "
              + (settings.allowedRoots().isEmpty()
                  ? "none configured"
                  : String.join(", ", settings.allowedRoots()))
              + "); refused");
    }
    URI rpmsJson =
        URI.create(
            uri.toString().substring(0, uri.toString().lastIndexOf('/')) + "/metadata/rpms.json");
    return new PungiComposeUrl(uri, variant, rpmsJson);
  }

  private static PungiComposeException refused(String source, String why) {
    return new PungiComposeException("The pungi_compose source " + source + " " + why);
  }
}
