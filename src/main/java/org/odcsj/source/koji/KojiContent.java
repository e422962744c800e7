package org.odcsj.source.koji;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.output.SourceEntry;
import org.odcsj.selection.Candidate;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.PackageContent;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;

/**
 * The RPMs of a Koji compose as read once: their files are Koji's own (hard-linked into the compose
 * by the writer) and their metadata is handed to the writer, so no header is read twice.
 */
final class KojiContent implements PackageContent {

  private final ComposeSpec resolved;
  private final String fingerprint;
  private final List<Candidate> candidates = new ArrayList<>();
  private final Map<Candidate, KojiCandidate> byCandidate = new IdentityHashMap<>();

  private final LookasideRepos lookaside;
  private final KojiComposer.Downloads downloads;
  private final SourceLog log;

  KojiContent(
      ComposeSpec resolved,
      List<KojiCandidate> read,
      String fingerprint,
      LookasideRepos lookaside,
      SourceLog log,
      KojiComposer.Downloads downloads) {
    this.downloads = downloads;
    this.resolved = resolved;
    this.fingerprint = fingerprint;
    this.lookaside = lookaside;
    this.log = log;
    for (KojiCandidate k : read) {
      candidates.add(k.candidate());
      byCandidate.put(k.candidate(), k);
    }
  }

  @Override
  public List<Candidate> candidates() {
    return candidates;
  }

  @Override
  public List<Candidate> lookaside(String arch) throws SourceFailure {
    return lookaside.forArch(resolved, arch, log);
  }

  @Override
  public List<Path> files(List<Candidate> selected, Path downloadDir) {
    return selected.stream().map(c -> byCandidate.get(c).file()).toList();
  }

  @Override
  public SourceEntry entry(Candidate selected) {
    return SourceEntry.known(byCandidate.get(selected).metadata());
  }

  @Override
  public ComposeSpec resolvedSpec() {
    return resolved;
  }

  @Override
  public String fingerprint() {
    return fingerprint;
  }

  @Override
  public void close() {
    downloads.close();
  }
}
