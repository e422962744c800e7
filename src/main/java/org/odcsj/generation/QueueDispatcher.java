package org.odcsj.generation;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.odcsj.compose.ComposeSubmitted;
import org.odcsj.outage.BrokerAvailability;
import org.odcsj.outage.DependencyOutage;

/**
 * Sends the generation requests of submitted composes ({@link OutboxDispatch}): nudged after each
 * submission commits, and every second by {@link DispatchTimer} (what a crash or a broker outage
 * left behind). One drain runs at a time per instance and takes everything submitted meanwhile in
 * one transaction, so under load many submissions share one database commit.
 */
@ApplicationScoped
public class QueueDispatcher {

  private static final Logger LOG = Logger.getLogger(QueueDispatcher.class.getName());

  /** Composes per dispatching transaction at most. */
  static final int BATCH = 200;

  /** After a failed drain, nudges wait this long (the timer retries): no retry storm. */
  private static final long BACKOFF_NANOS = 1_000_000_000L;

  @Inject OutboxDispatch outbox;
  @Inject BrokerAvailability broker;

  @Resource ManagedExecutorService executor;

  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean pending = new AtomicBoolean();
  private volatile long failedAtNanos = System.nanoTime() - BACKOFF_NANOS;
  private volatile boolean failing;

  void submitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ComposeSubmitted event) {
    if (System.nanoTime() - failedAtNanos >= BACKOFF_NANOS) {
      nudge();
    } else {
      pending.set(true); // the timer's next nudge takes it
    }
  }

  /** Starts a drain unless one runs; a running one goes on until nothing is pending. */
  void nudge() {
    pending.set(true);
    if (running.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }

  private void drain() {
    boolean failed = false;
    try {
      while (pending.getAndSet(false)) {
        int sent;
        do {
          sent = outbox.dispatch(BATCH);
          if (sent > 0) {
            broker.answered();
          }
        } while (sent == BATCH); // a full batch: more are waiting
      }
      if (failing) {
        failing = false;
        LOG.info("Generation requests are dispatched again");
      }
    } catch (RuntimeException e) {
      failed = true;
      pending.set(true);
      failedAtNanos = System.nanoTime();
      if (DependencyOutage.causing(e).orElse(null) == DependencyOutage.BROKER) {
        broker.failed();
      }
      if (!failing) {
        failing = true;
        // Stored composes stay undispatched and are sent once the broker (or database) is back.
        LOG.warning(
            () ->
                "Dispatching generation requests failed, retrying every second: "
                    + DependencyOutage.causing(e).map(DependencyOutage::description).orElse("")
                    + " ("
                    + e
                    + ")");
      }
    } finally {
      running.set(false);
    }
    // A nudge between the last check and the release above found the drain still running.
    if (!failed && pending.get() && running.compareAndSet(false, true)) {
      executor.execute(this::drain);
    }
  }
}
