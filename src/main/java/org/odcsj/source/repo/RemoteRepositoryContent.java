package org.odcsj.source.repo;

import java.util.List;
import org.odcsj.output.SourceRepodata;

/**
 * A remote yum repository read in full ({@link RemoteYumRepositoryReader#readWithDetails}): its
 * repomd {@code <revision>} ({@code null} when absent), its fingerprint (the primary metadata's
 * checksum, as for a local repository), its packages in primary's order and its metadata files as
 * they were read (for copying entries).
 */
public record RemoteRepositoryContent(
    RepoLocation.Remote location,
    String revision,
    String fingerprint,
    List<RemotePackage> packages,
    SourceRepodata repodata) {
  public RemoteRepositoryContent {
    packages = List.copyOf(packages);
  }
}
