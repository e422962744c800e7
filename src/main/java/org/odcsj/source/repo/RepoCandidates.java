package org.odcsj.source.repo;

import java.nio.file.Path;
import java.util.List;
import org.odcsj.fetch.PackageFetcher;
import org.odcsj.rpm.RpmPackage.Dependency;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Capability;
import org.odcsj.selection.LazySigkey;
import org.odcsj.selection.Nevra;

/**
 * Turns a repository's packages into the selection engine's {@link Candidate}s: location = the
 * RPM's absolute path (a remote repository's: its URL, without credentials), sigkey read from its
 * header only if the engine asks.
 */
public final class RepoCandidates {
  private RepoCandidates() {}

  public static List<Candidate> of(YumRepositoryContent content) {
    return content.packages().stream().map(RepoCandidates::toCandidate).toList();
  }

  /**
   * A remote repository's packages: location = the RPM's URL (credentials left out; {@code fetcher}
   * keeps them), sigkey read through {@code fetcher} (its header only) if the engine asks. {@link
   * PackageFetcher#materialize} downloads the selected ones.
   */
  public static List<Candidate> of(RemoteRepositoryContent content, PackageFetcher fetcher) {
    return content.packages().stream().map(p -> toCandidate(p, fetcher)).toList();
  }

  public static Candidate toCandidate(RemotePackage p, PackageFetcher fetcher) {
    fetcher.register(p.location(), p.url());
    String location = p.location();
    long headerEnd = p.headerEnd();
    return toCandidate(
        p.metadata(), location, LazySigkey.readWith(() -> fetcher.readSigkey(location, headerEnd)));
  }

  public static Candidate toCandidate(RepoPackage p) {
    // The sigkey reader holds the path only, not the package with its relations and files.
    Path file = p.source().file();
    return toCandidate(
        p, file.toAbsolutePath().toString(), LazySigkey.readWith(() -> RepoPackage.sigkeyOf(file)));
  }

  private static Candidate toCandidate(RepoPackage p, String location, LazySigkey sigkey) {
    SourcePackage s = p.source();
    return new Candidate(
        new Nevra(s.name(), Capability.epochOf(s.epoch()), s.version(), s.release(), s.arch()),
        location,
        s.checksumType(),
        s.checksum(),
        p.packageSize(),
        p.fileTime(),
        p.sourcerpm(),
        capabilities(p.provides()),
        capabilities(p.requires()),
        capabilities(p.conflicts()),
        capabilities(p.obsoletes()),
        p.files(),
        sigkey);
  }

  static List<Capability> capabilities(List<Dependency> dependencies) {
    return dependencies.stream().map(RepoCandidates::capability).toList();
  }

  static Capability capability(Dependency d) {
    return Capability.ofRepodata(d.name(), d.flags(), d.epoch(), d.version(), d.release(), d.pre());
  }
}
