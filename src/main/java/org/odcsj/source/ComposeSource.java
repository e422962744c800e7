package org.odcsj.source;

import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;

/** One source type: its checks at submission and its resolution at generation. */
public interface ComposeSource {

  SourceType type();

  /** At submission, after the generic field checks: refuses what this source cannot compose. */
  default void validate(ComposeSpec spec) throws InvalidSourceRequest {}

  /**
   * At generation, before anything is built: what the request means now (e.g. the Koji event a tag
   * is composed at), and the fingerprint an older compose must share to be reused.
   */
  Resolution resolve(ComposeSpec spec, SourceLog log) throws SourceFailure;
}
