package org.odcsj.source.repo;

import java.util.List;
import org.odcsj.output.SourceRepodata;

/**
 * A local yum repository read in full ({@link YumRepositoryReader#readWithDetails}): the {@link
 * YumRepository} (revision, fingerprint, package locations) and each package's relations and files,
 * in the same order, and its metadata files as they were read (for copying entries).
 */
public record YumRepositoryContent(
    YumRepository repository, List<RepoPackage> packages, SourceRepodata repodata) {
  public YumRepositoryContent {
    packages = List.copyOf(packages);
  }
}
