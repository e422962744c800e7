package org.odcsj.expiry;

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
import org.odcsj.config.OdcsConfig;

/**
 * Runs the periodic cleanup on every instance. Timers are non-persistent (Payara Micro persists
 * timers only in Hazelcast); the steps coordinate through row locks with SKIP LOCKED instead. One
 * failing step never stops the others.
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class ExpiryTimer {

  private static final Logger LOG = Logger.getLogger(ExpiryTimer.class.getName());

  @Resource TimerService timerService;
  @Inject OdcsConfig config;
  @Inject ExpiredComposeRemover remover;
  @Inject StuckComposeFailer stuckFailer;
  @Inject StrandedFollowerSettler strandedSettler;

  @PostConstruct
  void schedule() {
    long period = config.expiryPeriod().toMillis();
    timerService.createIntervalTimer(period, period, new TimerConfig("odcs-expiry", false));
    LOG.info(() -> "Expiry timer every " + period + " ms");
  }

  @Timeout
  void tick() {
    try {
      remover.removeExpired();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Removing expired composes failed; retrying next period", e);
    }
    try {
      stuckFailer.failStuckGenerating();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Failing stuck composes failed; retrying next period", e);
    }
    try {
      strandedSettler.settleStranded();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Settling stranded reusing composes failed; retrying next period", e);
    }
  }
}
