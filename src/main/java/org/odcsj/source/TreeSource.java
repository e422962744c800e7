package org.odcsj.source;

import org.odcsj.compose.ComposeSpec;

/**
 * A source that writes its compose tree itself instead of offering packages to the selection
 * engine: Pulp's repositories behind one .repo file, an external Pungi run. The generator prepares
 * the staging directory, calls {@link #write}, then publishes and records the compose as for any
 * other source.
 */
public interface TreeSource extends ComposeSource {

  /**
   * Writes the compose of the resolved request under {@link TreeDestination#staging()} (published
   * as {@code odcs-<id>} when this returns); a {@link SourceFailure} fails the compose with its
   * message.
   */
  WrittenTree write(ComposeSpec resolved, TreeDestination destination, SourceLog log)
      throws SourceFailure;
}
