package org.odcsj.client;

/** What a caller of {@link OdcsClient#waitFor} hears while a compose is on its way. */
public interface WaitListener {

  /** Hears nothing. */
  WaitListener NONE = new WaitListener() {};

  /** The compose was seen in a new state (also the first time it is seen). */
  default void stateChanged(Compose compose) {}

  /** The compose was seen again (a poll): its progress, if any, may have moved. */
  default void polled(Compose compose) {}

  /** A new line of the compose's generation log (only when {@link #followsLog()}). */
  default void logLine(String line) {}

  /** Whether to follow the generation log (an extra request per poll). */
  default boolean followsLog() {
    return false;
  }
}
