package org.odcsj.source.koji;

import java.io.IOException;
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

  private final KojiComposer composer;

  KojiContent(
      KojiComposer composer,
      ComposeSpec resolved,
      List<KojiCandidate> read,
      String fingerprint,
      LookasideRepos lookaside,
      SourceLog log,
      KojiComposer.Downloads downloads) {
    this.downloads = downloads;
    this.composer = composer;
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

  /** Koji's own files on the mounted volume; over the topurl, downloaded now if not yet. */
  @Override
  public List<Path> files(List<Candidate> selected, Path downloadDir) throws IOException {
    List<Path> files = new java.util.ArrayList<>(selected.size());
    for (Candidate c : selected) {
      KojiCandidate k = byCandidate.get(c);
      files.add(k.copy() == null ? Path.of(c.location()) : composer.file(k.copy(), downloads));
    }
    return files;
  }

  /**
   * The metadata read before: a file on the volume is believed while it has the size and time it
   * had then; a download was checked against Koji's payloadhash.
   */
  @Override
  public SourceEntry entry(Candidate selected) {
    KojiCandidate k = byCandidate.get(selected);
    SourceEntry known = SourceEntry.known(k.metadata());
    return k.copy() != null && k.copy().file() == null ? known.asVerified() : known;
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
