package org.odcsj.source.koji;

import java.util.Objects;

/**
 * An RPM a scratch-build task uploaded: {@code path} is relative to Koji's work directory ({@code
 * <topdir>/work/tasks/<id % 10000>/<id>/<file>}); name, version, release and arch come from the
 * file name (Koji has no RPM row for a scratch build, so no epoch, no payloadhash, no signature:
 * the package's own header says the rest). Scratch builds are never signed: their RPMs are taken
 * unsigned whatever the sigkeys, as Pungi does for {@code pkgset_koji_scratch_tasks}.
 */
public record KojiTaskRpm(
    long taskId, String path, String name, String version, String release, String arch) {

  public KojiTaskRpm {
    Objects.requireNonNull(path, "path");
  }

  /** The file's path below Koji's topdir (or topurl): {@code work/<path>}. */
  public String topdirPath() {
    return "work/" + path;
  }

  /** {@code name-version-release.arch}. */
  public String nvra() {
    return name + "-" + version + "-" + release + "." + arch;
  }

  public boolean isSource() {
    return "src".equals(arch) || "nosrc".equals(arch);
  }

  /**
   * Parses {@code tasks/…/<name>-<version>-<release>.<arch>.rpm}; refuses a path that is absolute,
   * climbs out with {@code ..}, or whose file name is not an RPM's.
   */
  static KojiTaskRpm parse(long taskId, String path) {
    if (path.startsWith("/") || path.contains("\\") || ("/" + path + "/").contains("/../")) {
      throw new IllegalArgumentException("not a path below the work directory: " + path);
    }
    String file = path.substring(path.lastIndexOf('/') + 1);
    if (!file.endsWith(".rpm")) {
      throw new IllegalArgumentException("not an RPM file name: " + file);
    }
    String nvra = file.substring(0, file.length() - ".rpm".length());
    int dot = nvra.lastIndexOf('.');
    int releaseDash = dot < 0 ? -1 : nvra.lastIndexOf('-', dot);
    int versionDash = releaseDash <= 0 ? -1 : nvra.lastIndexOf('-', releaseDash - 1);
    if (versionDash <= 0) {
      throw new IllegalArgumentException("not an RPM file name: " + file);
    }
    return new KojiTaskRpm(
        taskId,
        path,
        nvra.substring(0, versionDash),
        nvra.substring(versionDash + 1, releaseDash),
        nvra.substring(releaseDash + 1, dot),
        nvra.substring(dot + 1));
  }
}
