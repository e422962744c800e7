package org.odcsj.instance;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;

/**
 * Whether this instance has been recording its heartbeat without a gap. After a database outage
 * every instance's heartbeat is old; another instance's old heartbeat only means it is gone once
 * this one has itself been beating for the whole dead-after span (the other had the same chance).
 */
@ApplicationScoped
public class OwnHeartbeat {

  private volatile Instant beatingSince;

  void recorded(Instant now) {
    if (beatingSince == null) {
      beatingSince = now;
    }
  }

  void failed() {
    beatingSince = null;
  }

  /** True when every heartbeat of at least the last {@code span} was recorded. */
  public boolean steadyFor(Duration span, Instant now) {
    Instant since = beatingSince;
    return since != null && !since.plus(span).isAfter(now);
  }
}
