package org.odcsj.outage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs a short transaction again, with backoff, while the database or the broker it needs is
 * unavailable — for work that must not be dropped on the floor, such as recording the outcome of a
 * compose that took minutes to generate. Bounded by {@code odcs.generation.outage-retry-seconds}:
 * after that the last error is thrown. Errors that are no outage are thrown at once.
 */
@ApplicationScoped
public class OutageRetry {

  private static final Logger LOG = Logger.getLogger(OutageRetry.class.getName());
  private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);

  @Inject DependencyProbe probe;

  @Inject
  @ConfigProperty(name = "odcs.generation.outage-retry-seconds", defaultValue = "600")
  long retrySeconds;

  /** {@code action}'s result, once it succeeds; {@code what} names it in the log. */
  public <T> T call(String what, Supplier<T> action) {
    Instant deadline = Instant.now().plusSeconds(retrySeconds);
    Duration pause = FIRST_PAUSE;
    int attempt = 1;
    while (true) {
      try {
        T result = action.get();
        if (attempt > 1) {
          int attempts = attempt;
          LOG.info(() -> what + " succeeded after " + attempts + " attempts");
        }
        return result;
      } catch (RuntimeException e) {
        var outage = probe.behind(e);
        if (outage.isEmpty() || Instant.now().plus(pause).isAfter(deadline)) {
          throw e;
        }
        if (attempt == 1) {
          LOG.warning(
              () ->
                  outage.get().description()
                      + ": retrying "
                      + what
                      + " for up to "
                      + retrySeconds
                      + " s");
        }
      }
      sleep(pause);
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0
              ? LONGEST_PAUSE
              : pause.multipliedBy(2);
      attempt++;
    }
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for a dependency to return", e);
    }
  }
}
