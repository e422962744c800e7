package org.odcsj.generation;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.DependsOn;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.odcsj.outage.BrokerAvailability;

/**
 * Nudges the {@link QueueDispatcher} at start and every second (non-persistent timer, every
 * instance): submissions left undispatched by a crash or a broker outage are sent within a second
 * of the broker being reachable. Keeps {@link BrokerAvailability} fresh while nothing is sent.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class DispatchTimer {

  private static final Logger LOG = Logger.getLogger(DispatchTimer.class.getName());
  private static final long PERIOD_MILLIS = 1000;

  @Resource TimerService timerService;
  @Inject QueueDispatcher dispatcher;
  @Inject BrokerAvailability broker;

  @PostConstruct
  void schedule() {
    // Known before the first request is served: a broker down at start refuses the first POST too.
    refreshBroker();
    timerService.createIntervalTimer(
        0, PERIOD_MILLIS, new TimerConfig("odcs-generation-dispatch", false));
  }

  @Timeout
  void tick() {
    refreshBroker();
    dispatcher.nudge();
  }

  private void refreshBroker() {
    try {
      broker.refresh();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Probing the message broker failed", e);
    }
  }
}
