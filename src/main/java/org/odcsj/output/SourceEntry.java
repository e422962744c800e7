package org.odcsj.output;

import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.odcsj.rpm.RpmPackage;

/**
 * What a source repository's metadata says about a package file, and when to believe it. {@code
 * sha256}, {@code name} and {@code arch} find the package's entries in the source's primary,
 * filelists and other ({@code repodata}); NEVRA and source RPM describe it in the compose's
 * metadata. The file is taken to be what the metadata describes when its bytes were checked against
 * the checksum ({@code verified}, e.g. a download), or when it still has the recorded size and
 * modification time (primary's {@code <size package>} and {@code <time file>}: createrepo_c {@code
 * --update}'s rule). Without {@code repodata} nothing is copied: the header is read, only the
 * payload is not hashed again.
 */
public record SourceEntry(
    SourceRepodata repodata,
    String sha256,
    String name,
    String epoch,
    String version,
    String release,
    String arch,
    String sourcerpm,
    long size,
    long fileTime,
    boolean verified,
    RpmPackage known) {

  public SourceEntry {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arch, "arch");
    sha256 = sha256.toLowerCase(Locale.ROOT);
  }

  /** A local file, believed while it has this size and modification time (epoch seconds). */
  public static SourceEntry ifUnchanged(
      SourceRepodata repodata,
      String sha256,
      String name,
      String epoch,
      String version,
      String release,
      String arch,
      String sourcerpm,
      long size,
      long fileTime) {
    return new SourceEntry(
        repodata, sha256, name, epoch, version, release, arch, sourcerpm, size, fileTime, false,
        null);
  }

  /**
   * A file whose metadata was read before (immutable files, e.g. Koji's: kept by the source),
   * believed while it has the size and modification time it had then: nothing is read again.
   */
  public static SourceEntry known(RpmPackage pkg) {
    return new SourceEntry(
        null,
        pkg.sha256(),
        pkg.name(),
        pkg.epochOrZero(),
        pkg.version(),
        pkg.release(),
        pkg.arch(),
        pkg.sourcerpm(),
        pkg.packageSize(),
        pkg.fileTime(),
        false,
        pkg);
  }

  /** A file whose bytes were checked against {@code sha256}. */
  public SourceEntry asVerified() {
    return new SourceEntry(
        repodata, sha256, name, epoch, version, release, arch, sourcerpm, size, fileTime, true,
        known);
  }

  /** The same, vouching for the checksum only: the entries are made from the header. */
  public SourceEntry withoutRepodata() {
    return new SourceEntry(
        null, sha256, name, epoch, version, release, arch, sourcerpm, size, fileTime, verified,
        known);
  }

  /** Whether the file with these attributes is the one the metadata describes. */
  boolean describes(BasicFileAttributes file) {
    return verified
        || (size > 0
            && fileTime > 0
            && file.size() == size
            && file.lastModifiedTime().to(TimeUnit.SECONDS) == fileTime);
  }

  /** The key of the package's entries: checksum, name and arch, as filelists and other say. */
  String key() {
    return key(sha256, name, arch);
  }

  static String key(String pkgid, String name, String arch) {
    return pkgid.toLowerCase(Locale.ROOT) + "/" + name + "/" + arch;
  }

  /** The package as the compose's metadata needs it (see {@link RpmPackage#identityOnly()}). */
  RpmPackage identity(BasicFileAttributes file, String sigkey) {
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
        sourcerpm == null ? "" : sourcerpm,
        null,
        0,
        file.lastModifiedTime().to(TimeUnit.SECONDS),
        file.size(),
        0,
        0,
        0,
        0,
        RpmPackage.Dependencies.NONE,
        java.util.List.of(),
        java.util.List.of(),
        sha256,
        sigkey);
  }
}
