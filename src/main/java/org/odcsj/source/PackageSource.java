package org.odcsj.source;

import org.odcsj.compose.ComposeSpec;

/** A source whose packages go through the selection engine and the generic compose pipeline. */
public interface PackageSource extends ComposeSource {

  /** Reads what the resolved request offers (metadata, not package files yet). */
  PackageContent open(ComposeSpec resolved, SourceLog log) throws SourceFailure;
}
