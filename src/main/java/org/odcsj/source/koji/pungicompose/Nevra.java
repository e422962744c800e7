package org.odcsj.source.koji.pungicompose;

/**
 * A productmd NEVRA, {@code name-epoch:version-release.arch} (the epoch is optional), split from
 * the right: the arch after the last dot, the release after the last dash before it, the version
 * after the dash before that — names and releases may hold dashes and dots, versions not dashes.
 */
record Nevra(String name, String epoch, String version, String release, String arch) {

  /** {@code name-version-release}, the build's N-V-R ODCS takes from a source RPM. */
  String nvr() {
    return name + "-" + version + "-" + release;
  }

  static Nevra parse(String nevra) {
    int dot = nevra.lastIndexOf('.');
    int releaseDash = dot < 0 ? -1 : nevra.lastIndexOf('-', dot);
    int versionDash = releaseDash <= 0 ? -1 : nevra.lastIndexOf('-', releaseDash - 1);
    if (versionDash <= 0) {
      throw new IllegalStateException("not a NEVRA: " + nevra);
    }
    String epochVersion = nevra.substring(versionDash + 1, releaseDash);
    int colon = epochVersion.indexOf(':');
    return new Nevra(
        nevra.substring(0, versionDash),
        colon < 0 ? null : epochVersion.substring(0, colon),
        colon < 0 ? epochVersion : epochVersion.substring(colon + 1),
        nevra.substring(releaseDash + 1, dot),
        nevra.substring(dot + 1));
  }
}
