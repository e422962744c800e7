package org.odcsj.selection;

/** A package's identity. {@link #toString()} is {@code name-[epoch:]version-release.arch}. */
public record Nevra(String name, long epoch, String version, String release, String arch) {

  public Evr evr() {
    return new Evr(epoch, version, release);
  }

  /** {@code "foo-1:2.0-3.x86_64"} or {@code "foo-2.0-3.noarch"}; the arch is after the last dot. */
  public static Nevra parse(String nevra) {
    int dot = nevra.lastIndexOf('.');
    int releaseDash = nevra.lastIndexOf('-', dot);
    int versionDash = nevra.lastIndexOf('-', releaseDash - 1);
    if (dot < 0 || releaseDash < 0 || versionDash < 0) {
      throw new IllegalArgumentException("not a NEVRA: " + nevra);
    }
    String name = nevra.substring(0, versionDash);
    Evr evr = Evr.parse(nevra.substring(versionDash + 1, dot));
    return new Nevra(name, evr.epoch(), evr.version(), evr.release(), nevra.substring(dot + 1));
  }

  @Override
  public String toString() {
    return name + "-" + (epoch != 0 ? epoch + ":" : "") + version + "-" + release + "." + arch;
  }
}
