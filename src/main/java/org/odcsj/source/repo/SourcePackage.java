package org.odcsj.source.repo;

import java.nio.file.Path;

/**
 * A package listed in a source repository's primary metadata: its NEVRA (epoch as the metadata
 * writes it, usually {@code "0"}), the local file it points at, and the checksum repodata records
 * for that file ({@code checksumType} e.g. {@code sha256}).
 */
public record SourcePackage(
    String name,
    String epoch,
    String version,
    String release,
    String arch,
    Path file,
    String checksumType,
    String checksum) {

  /** {@code name-[epoch:]version-release.arch}, the epoch left out when it is 0 or absent. */
  public String nevra() {
    String e = epoch == null || epoch.isEmpty() || "0".equals(epoch) ? "" : epoch + ":";
    return name + "-" + e + version + "-" + release + "." + arch;
  }
}
