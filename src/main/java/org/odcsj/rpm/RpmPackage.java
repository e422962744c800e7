package org.odcsj.rpm;

import java.util.List;

/**
 * What the repodata needs to know about one RPM file, read from its headers (see {@link
 * RpmHeaderReader}). Strings that the header lacks are {@code ""}, except {@code epoch}, which is
 * {@code null} when the package has no epoch (repodata then says {@code 0}).
 *
 * <p>{@code arch} is {@code "src"} for a source RPM. {@code requires} already leaves out what
 * createrepo_c leaves out ({@code rpmlib(…)}, the package's own primary files, what it provides,
 * exact duplicates). {@code changelogs} holds at most the newest {@value
 * RpmHeaderReader#CHANGELOG_LIMIT} entries, oldest first. {@code sigkey} is the lowercase hex of
 * the signing key id's last 4 bytes, {@code ""} when unsigned.
 */
public record RpmPackage(
    String name,
    String epoch,
    String version,
    String release,
    String arch,
    String summary,
    String description,
    String url,
    String license,
    String vendor,
    String group,
    String buildhost,
    String sourcerpm,
    String packager,
    long buildTime,
    long fileTime,
    long packageSize,
    long installedSize,
    long archiveSize,
    long headerStart,
    long headerEnd,
    Dependencies dependencies,
    List<PackageFile> files,
    List<ChangelogEntry> changelogs,
    String sha256,
    String sigkey) {

  public RpmPackage {
    files = List.copyOf(files);
    changelogs = List.copyOf(changelogs);
  }

  /**
   * This package without its file list, relations, changelog and texts: what compose-wide metadata
   * needs, small enough to keep for tens of thousands of packages.
   */
  public RpmPackage identityOnly() {
    return new RpmPackage(
        name,
        epoch,
        version,
        release,
        arch,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        sourcerpm,
        null,
        buildTime,
        fileTime,
        packageSize,
        installedSize,
        archiveSize,
        headerStart,
        headerEnd,
        Dependencies.NONE,
        List.of(),
        List.of(),
        sha256,
        sigkey);
  }

  /** One provides/requires/… entry. {@code flags} is EQ, LT, GT, LE, GE or {@code null}. */
  public record Dependency(
      String name, String flags, String epoch, String version, String release, boolean pre) {
    /** As rpm prints it: {@code name}, or {@code name >= 1:2.0-3}. */
    @Override
    public String toString() {
      if (flags == null) {
        return name;
      }
      String op =
          switch (flags) {
            case "EQ" -> "=";
            case "LT" -> "<";
            case "GT" -> ">";
            case "LE" -> "<=";
            default -> ">=";
          };
      StringBuilder evr = new StringBuilder();
      if (epoch != null && !"0".equals(epoch)) {
        evr.append(epoch).append(':');
      }
      evr.append(version == null ? "" : version);
      if (release != null) {
        evr.append('-').append(release);
      }
      return name + " " + op + " " + evr;
    }
  }

  /** The package's relations, each in header order. */
  public record Dependencies(
      List<Dependency> provides,
      List<Dependency> requires,
      List<Dependency> conflicts,
      List<Dependency> obsoletes,
      List<Dependency> recommends,
      List<Dependency> suggests,
      List<Dependency> supplements,
      List<Dependency> enhances) {
    /** No relations at all. */
    public static final Dependencies NONE =
        new Dependencies(
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

    public Dependencies {
      provides = List.copyOf(provides);
      requires = List.copyOf(requires);
      conflicts = List.copyOf(conflicts);
      obsoletes = List.copyOf(obsoletes);
      recommends = List.copyOf(recommends);
      suggests = List.copyOf(suggests);
      supplements = List.copyOf(supplements);
      enhances = List.copyOf(enhances);
    }
  }

  /** A file the package owns; {@code type} as filelists writes it. */
  public record PackageFile(String path, FileType type) {
    /**
     * The files primary.xml lists as well (createrepo_c's rule, which yum and dnf expect): under
     * /etc/, any path containing {@code bin/}, and /usr/lib/sendmail.
     */
    public boolean isPrimary() {
      return isPrimaryPath(path);
    }

    static boolean isPrimaryPath(String path) {
      return path.startsWith("/etc/") || path.contains("bin/") || path.equals("/usr/lib/sendmail");
    }
  }

  /** Regular files have no type attribute in repodata. */
  public enum FileType {
    FILE(null),
    DIR("dir"),
    GHOST("ghost");

    private final String xmlValue;

    FileType(String xmlValue) {
      this.xmlValue = xmlValue;
    }

    /** The {@code type} attribute value, {@code null} for a regular file. */
    public String xmlValue() {
      return xmlValue;
    }
  }

  public record ChangelogEntry(String author, long date, String text) {}

  /** The epoch as repodata writes it: {@code "0"} when the package has none. */
  public String epochOrZero() {
    return epoch == null ? "0" : epoch;
  }

  public boolean isSource() {
    return "src".equals(arch);
  }

  /** {@code name-[epoch:]version-release.arch}, the form rpm and ODCS print. */
  public String nevra() {
    String e = epoch == null || "0".equals(epoch) ? "" : epoch + ":";
    return name + "-" + e + version + "-" + release + "." + arch;
  }

  /** {@code name-version-release.arch.rpm}, the usual file name of this package. */
  public String canonicalFileName() {
    return name + "-" + version + "-" + release + "." + arch + ".rpm";
  }

  /** Convenience views of the common relations. */
  public List<Dependency> provides() {
    return dependencies.provides();
  }

  public List<Dependency> requires() {
    return dependencies.requires();
  }
}
