package org.odcsj.source.koji;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.odcsj.source.koji.mbs.MbsSettings;

/**
 * Where Koji is: its hub (with timeouts and retries), its volume (mounted read-only at {@code
 * topdir}, else downloaded from {@code topurl}), the RPM metadata cache directory, and the URL
 * prefixes a {@code pungi_compose} source may be read from; with MBS, module composes too (never
 * composing the base modules).
 */
public record KojiSourceSettings(
    KojiHubSettings hub,
    Optional<Path> topdir,
    Optional<URI> topurl,
    Optional<Path> rpmCacheDir,
    List<String> pungiComposeAllowedRoots,
    Optional<MbsSettings> mbs,
    List<String> baseModuleNames,
    List<String> moduleDefaultsAllowedPrefixes) {

  public KojiSourceSettings {
    Objects.requireNonNull(hub, "hub");
    if (topdir.isEmpty() && topurl.isEmpty()) {
      throw new IllegalArgumentException(
          "Koji needs odcs.koji.topdir (Koji's volume, mounted) or odcs.koji.topurl");
    }
    pungiComposeAllowedRoots = List.copyOf(pungiComposeAllowedRoots);
    Objects.requireNonNull(mbs, "mbs");
    baseModuleNames = List.copyOf(baseModuleNames);
    moduleDefaultsAllowedPrefixes = List.copyOf(moduleDefaultsAllowedPrefixes);
  }

  /** Without MBS: no module source. */
  public KojiSourceSettings(
      KojiHubSettings hub,
      Optional<Path> topdir,
      Optional<URI> topurl,
      Optional<Path> rpmCacheDir,
      List<String> pungiComposeAllowedRoots) {
    this(
        hub,
        topdir,
        topurl,
        rpmCacheDir,
        pungiComposeAllowedRoots,
        Optional.empty(),
        List.of(),
        List.of());
  }

  /**
   * The same with MBS ({@code odcs.mbs.url}) for module composes, the base modules never composed
   * and the URL prefixes a {@code module_defaults_url} may have.
   */
  public KojiSourceSettings withMbs(
      MbsSettings mbsSettings, List<String> baseModules, List<String> defaultsPrefixes) {
    return new KojiSourceSettings(
        hub,
        topdir,
        topurl,
        rpmCacheDir,
        pungiComposeAllowedRoots,
        Optional.of(mbsSettings),
        baseModules,
        defaultsPrefixes);
  }

  KojiTopdir kojiTopdir() {
    return topdir.map(KojiTopdir::mounted).orElseGet(() -> KojiTopdir.remote(topurl.get()));
  }
}
