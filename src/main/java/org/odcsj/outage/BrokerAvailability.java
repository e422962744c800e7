package org.odcsj.outage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.odcsj.health.BrokerReadiness;

/**
 * Whether the broker answered at the last look, known without asking it: a submission is stored
 * first and its generation request sent after (an outbox), so it checks this instead of failing its
 * own send, and is refused with a 503 that stored nothing while the broker is away. Updated by
 * every dispatch of generation requests and, when none happened lately, by a probe each second.
 */
@ApplicationScoped
public class BrokerAvailability {

  private static final Logger LOG = Logger.getLogger(BrokerAvailability.class.getName());
  private static final long FRESH_NANOS = 1_000_000_000L;

  @Inject @Readiness BrokerReadiness probe;

  private volatile boolean down;
  private volatile long lastSeenNanos = System.nanoTime() - 2 * FRESH_NANOS;

  /** Throws {@link BrokerUnavailable} while the broker is known to be unreachable. */
  public void requireReachable() {
    if (down) {
      throw new BrokerUnavailable();
    }
  }

  /** The broker took a message just now. */
  public void answered() {
    lastSeenNanos = System.nanoTime();
    if (down) {
      down = false;
      LOG.info("The message broker answers again");
    }
  }

  /** A send to the broker failed as an outage does. */
  public void failed() {
    if (!down) {
      down = true;
      LOG.warning(
          "The message broker is unreachable: submissions are refused (503) until it is back");
    }
  }

  /** Probes the broker unless a send showed it alive within the last second. */
  public void refresh() {
    if (!down && System.nanoTime() - lastSeenNanos < FRESH_NANOS) {
      return;
    }
    if (probe.call().getStatus() == HealthCheckResponse.Status.UP) {
      answered();
    } else {
      failed();
    }
  }
}
