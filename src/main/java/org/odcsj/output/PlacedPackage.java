package org.odcsj.output;

import java.util.Objects;
import org.odcsj.rpm.RpmPackage;

/**
 * An RPM as it lies in the compose: its header data and its path relative to the compose directory
 * ({@code <toplevel>/compose}), e.g. {@code Temporary/x86_64/os/Packages/h/hello-1.0-1.x86_64.rpm}.
 */
public record PlacedPackage(RpmPackage pkg, String path) {

  public PlacedPackage {
    Objects.requireNonNull(pkg, "pkg");
    Objects.requireNonNull(path, "path");
    if (path.isEmpty() || path.startsWith("/")) {
      throw new IllegalArgumentException(
          "A path relative to the compose directory is expected: " + path);
    }
  }

  /**
   * A package of the repository of {@code arch} in the {@value ComposeMetadata#VARIANT} variant, at
   * {@code href} (relative to the repository, as repodata says: {@code Packages/h/…}).
   */
  public static PlacedPackage inRepository(String arch, RpmPackage pkg, String href) {
    return new PlacedPackage(pkg, ComposeMetadata.osTree(arch) + "/" + href);
  }
}
