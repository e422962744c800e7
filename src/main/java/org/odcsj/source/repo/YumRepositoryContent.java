package org.odcsj.source.repo;

import java.util.List;

/**
 * A local yum repository read in full ({@link YumRepositoryReader#readWithDetails}): the {@link
 * YumRepository} (revision, fingerprint, package locations) and each package's relations and files,
 * in the same order.
 */
public record YumRepositoryContent(YumRepository repository, List<RepoPackage> packages) {
  public YumRepositoryContent {
    packages = List.copyOf(packages);
  }
}
