package org.odcsj.source.repo;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@link YumRepositoryReader} found in a local yum repository: its repomd {@code <revision>}
 * ({@code null} when absent), a fingerprint that changes whenever the package set can have changed
 * (the primary metadata's checksum, as repomd.xml records it) and the packages.
 */
public record YumRepository(
    Path dir, String revision, String fingerprint, List<SourcePackage> packages) {
  public YumRepository {
    packages = List.copyOf(packages);
  }
}
