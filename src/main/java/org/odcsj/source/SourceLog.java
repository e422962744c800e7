package org.odcsj.source;

/** The compose's generation log, as a source writes to it. */
public interface SourceLog {

  /** A line for the user (the compose's odcs.log). */
  void info(String message);

  /** What generation is doing now, shown as the compose's progress. */
  void phase(String name, int percent);
}
