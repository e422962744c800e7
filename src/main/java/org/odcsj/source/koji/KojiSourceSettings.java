package org.odcsj.source.koji;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where Koji is: its hub (with timeouts and retries), its volume (mounted read-only at {@code
 * topdir}, else downloaded from {@code topurl}), the RPM metadata cache directory, and the URL
 * prefixes a {@code pungi_compose} source may be read from.
 */
public record KojiSourceSettings(
    KojiHubSettings hub,
    Optional<Path> topdir,
    Optional<URI> topurl,
    Optional<Path> rpmCacheDir,
    List<String> pungiComposeAllowedRoots) {

  public KojiSourceSettings {
    Objects.requireNonNull(hub, "hub");
    if (topdir.isEmpty() && topurl.isEmpty()) {
      throw new IllegalArgumentException(
          "Koji needs odcs.koji.topdir (Koji's volume, mounted) or odcs.koji.topurl");
    }
    pungiComposeAllowedRoots = List.copyOf(pungiComposeAllowedRoots);
  }

  KojiTopdir kojiTopdir() {
    return topdir.map(KojiTopdir::mounted).orElseGet(() -> KojiTopdir.remote(topurl.get()));
  }
}
