package org.odcsj.source.pulp;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.odcsj.output.SourceRepodata;

/**
 * Reads a downloaded repository's primary metadata: the yum repository reader of the {@code repo}
 * source, handed in by the generator (sources do not know each other).
 */
@FunctionalInterface
public interface DownloadedRepodata {

  /** A package as primary lists it: NEVRA (epoch as written) and its checksum. */
  record Listed(
      String name, String epoch, String version, String release, String arch, String checksum) {}

  /** The packages of the repository at {@code repoDir}, and its metadata files to copy from. */
  record Listing(List<Listed> packages, SourceRepodata repodata) {
    public Listing {
      packages = List.copyOf(packages);
    }
  }

  Listing read(Path repoDir) throws IOException;
}
