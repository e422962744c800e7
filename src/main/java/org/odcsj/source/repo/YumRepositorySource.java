package org.odcsj.source.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.odcsj.fetch.PackageFetcher;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.CandidateSource;

/**
 * A yum repository — local, or remote through a {@link PackageFetcher} — as a {@link
 * CandidateSource}: every package, relations and files.
 */
public final class YumRepositorySource implements CandidateSource {
  private final RepoLocation location;
  private final PackageFetcher fetcher;

  public YumRepositorySource(Path dir) {
    this.location = RepoLocation.local(dir);
    this.fetcher = null;
  }

  /**
   * A repository at {@code location}; {@code fetcher} reads a remote one's metadata and, later, its
   * selected packages and sigkeys ({@code null} is fine for a local repository).
   */
  public YumRepositorySource(RepoLocation location, PackageFetcher fetcher) {
    this.location = Objects.requireNonNull(location, "location");
    this.fetcher = fetcher;
  }

  @Override
  public List<Candidate> candidates() throws IOException {
    return YumRepositories.read(location, fetcher).candidates();
  }
}
