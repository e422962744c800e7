package org.odcsj.source.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.fetch.PackageFetcher;
import org.odcsj.output.SourceEntry;
import org.odcsj.output.SourceRepodata;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Nevra;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.PackageContent;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;

/**
 * The packages of a {@code repo} compose's repositories as read once: candidates, their files
 * (remote ones fetched only when selected) and the repodata their entries can be copied from.
 */
final class RepoContent implements PackageContent {

  private final ComposeSpec spec;
  private final List<RepoSnapshot> sources;
  private final PackageFetcher fetcher;
  private final LookasideRepos lookaside;
  private final SourceLog log;
  private final List<Candidate> candidates = new ArrayList<>();
  private final Map<Candidate, SourceRepodata> repodataOf = new IdentityHashMap<>();

  RepoContent(
      ComposeSpec spec,
      List<RepoSnapshot> sources,
      PackageFetcher fetcher,
      LookasideRepos lookaside,
      SourceLog log) {
    this.spec = spec;
    this.sources = List.copyOf(sources);
    this.fetcher = fetcher;
    this.lookaside = lookaside;
    this.log = log;
    for (RepoSnapshot s : sources) {
      candidates.addAll(s.candidates());
      s.candidates().forEach(c -> repodataOf.put(c, s.repodata()));
    }
  }

  @Override
  public List<Candidate> candidates() {
    return candidates;
  }

  @Override
  public List<Candidate> lookaside(String arch) throws SourceFailure {
    return lookaside.forArch(spec, arch, log);
  }

  @Override
  public List<Path> files(List<Candidate> selected, Path downloadDir) throws IOException {
    return fetcher.materialize(selected, downloadDir);
  }

  /**
   * A local file's entries are copied from its source's metadata while it is unchanged (recorded
   * size and modification time, as createrepo_c --update trusts it); a downloaded file was checked
   * against the checksum, its header is read from the local copy (cheaper than fetching the remote
   * metadata again). Null where the metadata gives no sha256, repodata's checksum.
   */
  @Override
  public SourceEntry entry(Candidate c) {
    if (c.checksum() == null || !"sha256".equalsIgnoreCase(c.checksumType())) {
      return null;
    }
    Nevra n = c.nevra();
    SourceEntry e =
        SourceEntry.ifUnchanged(
            repodataOf.get(c),
            c.checksum(),
            n.name(),
            Long.toString(n.epoch()),
            n.version(),
            n.release(),
            n.arch(),
            c.sourcerpm(),
            c.size(),
            c.fileTime());
    return YumRepositories.isRemote(c) ? e.asVerified().withoutRepodata() : e;
  }

  // The repomd revision of a createrepo'd Koji repo is the Koji event; keep it when numeric.
  @Override
  public ComposeSpec resolvedSpec() {
    String revision = sources.get(0).revision();
    Long event = revision != null && revision.matches("\\d{1,18}") ? Long.valueOf(revision) : null;
    return spec.toBuilder().kojiEvent(event).build();
  }

  @Override
  public String fingerprint() {
    return String.join(" ", sources.stream().map(s -> String.valueOf(s.fingerprint())).toList());
  }
}
