package org.odcsj.source.repo;

import java.util.List;

/**
 * A remote yum repository read in full ({@link RemoteYumRepositoryReader#readWithDetails}): its
 * repomd {@code <revision>} ({@code null} when absent), its fingerprint (the primary metadata's
 * checksum, as for a local repository) and its packages in primary's order.
 */
public record RemoteRepositoryContent(
    RepoLocation.Remote location,
    String revision,
    String fingerprint,
    List<RemotePackage> packages) {
  public RemoteRepositoryContent {
    packages = List.copyOf(packages);
  }
}
