package org.odcsj.source.repo;

import java.util.List;
import org.odcsj.output.SourceRepodata;
import org.odcsj.selection.Candidate;

/**
 * A yum repository, local or remote, as read once: its repomd {@code <revision>} ({@code null} when
 * absent), its fingerprint (the primary metadata's checksum; equal for the same repository read
 * locally or over http), its packages as candidates, in primary's order, and — for a local
 * repository — its metadata files as they were read, whose entries a compose copies for
 * byte-identical packages ({@code null} for a remote one: its packages are downloaded and checked
 * anyway, and their headers then read from the local copies).
 */
public record RepoSnapshot(
    RepoLocation location,
    String revision,
    String fingerprint,
    List<Candidate> candidates,
    SourceRepodata repodata) {
  public RepoSnapshot {
    candidates = List.copyOf(candidates);
  }
}
