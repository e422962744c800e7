package org.odcsj.source.repo;

import java.io.IOException;
import java.util.Objects;
import org.odcsj.fetch.HttpFiles;
import org.odcsj.fetch.PackageFetcher;
import org.odcsj.selection.Candidate;

/**
 * One entry point for local and remote yum repositories.
 *
 * <pre>
 * PackageFetcher fetcher = new PackageFetcher();
 * RepoSnapshot repo = YumRepositories.read(RepoLocation.parse(source), fetcher);
 * …select among repo.candidates()…
 * List&lt;Path&gt; rpms = fetcher.materialize(selected, downloadDir);
 * </pre>
 */
public final class YumRepositories {
  private YumRepositories() {}

  /**
   * Reads the repository with details (relations, all files). A remote repository's candidates have
   * their URL as location and read their sigkeys through {@code fetcher}, which may be {@code null}
   * for a local repository.
   *
   * @throws java.io.FileNotFoundException when the repository has no repodata/repomd.xml (a missing
   *     directory, HTTP 404)
   */
  public static RepoSnapshot read(RepoLocation location, PackageFetcher fetcher)
      throws IOException {
    if (location instanceof RepoLocation.Local local) {
      YumRepositoryContent content = YumRepositoryReader.readWithDetails(local.dir());
      return new RepoSnapshot(
          location,
          content.repository().revision(),
          content.repository().fingerprint(),
          RepoCandidates.of(content),
          content.repodata());
    }
    RepoLocation.Remote remote = (RepoLocation.Remote) location;
    Objects.requireNonNull(fetcher, "a remote repository needs a PackageFetcher");
    RemoteRepositoryContent content =
        RemoteYumRepositoryReader.readWithDetails(remote, fetcher.http());
    return new RepoSnapshot(
        location,
        content.revision(),
        content.fingerprint(),
        RepoCandidates.of(content, fetcher),
        null);
  }

  /**
   * The fingerprint {@link #read} would report, from repomd.xml alone ({@code http} may be {@code
   * null} for a local repository).
   */
  public static String fingerprint(RepoLocation location, HttpFiles http) throws IOException {
    if (location instanceof RepoLocation.Local local) {
      return YumRepositoryReader.fingerprint(local.dir());
    }
    Objects.requireNonNull(http, "a remote repository needs a HttpFiles");
    return RemoteYumRepositoryReader.fingerprint((RepoLocation.Remote) location, http);
  }

  /** Whether {@code candidate} came from a remote repository (its RPM must be fetched). */
  public static boolean isRemote(Candidate candidate) {
    return PackageFetcher.isRemote(candidate.location());
  }
}
