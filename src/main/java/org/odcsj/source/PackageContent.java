package org.odcsj.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.modulemd.ModulemdDocuments;
import org.odcsj.output.SourceEntry;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Nevra;

/** What an opened {@link PackageSource} offers for one compose. */
public interface PackageContent extends java.io.Closeable {

  /** Every package the source offers, for the selection engine. */
  List<Candidate> candidates();

  /**
   * The packages the selection may take dependencies from for {@code arch} without placing them in
   * the compose (the request's lookaside repositories).
   */
  List<Candidate> lookaside(String arch) throws SourceFailure;

  /**
   * The sigkeys the selection applies, when the source decides them (e.g. it already chose signed
   * copies); empty: the request's {@code sigkeys}.
   */
  default Optional<List<String>> sigkeys() {
    return Optional.empty();
  }

  /**
   * The files of the selected packages, in their order: local files as they are, remote ones
   * downloaded (verified) under {@code downloadDir}.
   */
  List<Path> files(List<Candidate> selected, Path downloadDir) throws SourceFailure, IOException;

  /**
   * What the repodata of a selected package may be copied from instead of reading its headers, or
   * {@code null} (the writer then reads the file's headers).
   */
  default SourceEntry entry(Candidate selected) {
    return null;
  }

  /**
   * Packages of {@code arch}'s repository the source lists itself (a module's artifacts: every one
   * placed, two versions of one name included), among its {@link #candidates()} but never chosen
   * among by the selection, which takes the rest.
   */
  default List<Candidate> listedPackages(String arch) {
    return List.of();
  }

  /**
   * The modulemd documents of {@code arch}'s repository, when the compose has modules: each
   * module's artifacts cut to the {@code placed} packages, plus the defaults. Written as the
   * repository's {@code modules} metadata.
   */
  default Optional<ModulemdDocuments> modules(String arch, Set<Nevra> placed) {
    return Optional.empty();
  }

  /** The request as composed (recorded with the compose: e.g. the repository's revision). */
  ComposeSpec resolvedSpec();

  /** The fingerprint of what was read (reuse compares it; "" = never reuse). */
  String fingerprint();

  /** Releases what the content holds (e.g. downloaded files) once the compose is written. */
  @Override
  default void close() throws IOException {}
}
