package org.odcsj.source.repo;

import org.odcsj.fetch.Urls;

/**
 * A {@code <location href>} of repodata must stay inside its repository: relative, without {@code
 * ..} segments. createrepo never writes anything else; an href like {@code ../../etc/shadow} or
 * {@code /etc/shadow} would make the service read, copy or serve a file outside the repository. (A
 * package elsewhere is located through {@code xml:base}, which the allowed roots govern.)
 */
final class LocationHref {
  private LocationHref() {}

  /**
   * @throws RefusedRepository when {@code href} is absolute or has a {@code ..} segment
   */
  static void require(String href, String file) throws RefusedRepository {
    if (href.startsWith("/") || href.startsWith("\\") || Urls.SCHEME.matcher(href).find()) {
      throw refused(href, file, "is absolute");
    }
    for (String segment : href.split("[/\\\\]")) {
      if (segment.equals("..")) {
        throw refused(href, file, "leaves the repository (\"..\")");
      }
    }
  }

  private static RefusedRepository refused(String href, String file, String why) {
    return new RefusedRepository(
        file + " has a location href \"" + href + "\" that " + why + "; refused");
  }
}
