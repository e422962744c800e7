package org.odcsj.source;

import org.odcsj.compose.ComposeSpec;

/** A source whose packages go through the selection engine and the generic compose pipeline. */
public interface PackageSource extends ComposeSource {

  /**
   * Reads what the resolved request offers (metadata, not package files yet); {@code lookaside}
   * reads the request's lookaside repositories when {@link PackageContent#lookaside} asks.
   */
  PackageContent open(ComposeSpec resolved, SourceLog log, LookasideRepos lookaside)
      throws SourceFailure;
}
