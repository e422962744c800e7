package org.odcsj.source;

/** The compose's generation log, as a source writes to it. */
public interface SourceLog {

  /** A line for the user (the compose's odcs.log). */
  void info(String message);

  /** What generation is doing now, shown as the compose's progress. */
  void phase(String name, int percent);

  /**
   * True once this generation no longer owns the compose (cancelled, or taken for dead by another
   * instance): long-running work (an external Pungi) should stop, its output is discarded anyway.
   * Cheap to call often: the answer may be a few seconds old.
   */
  default boolean abandoned() {
    return false;
  }
}
