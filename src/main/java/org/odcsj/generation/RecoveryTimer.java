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
import org.odcsj.config.OdcsConfig;

/**
 * Looks for composes left generating by a crashed instance at start (a restarted instance takes its
 * previous boot's composes back at once) and then every heartbeat period, on every instance
 * (non-persistent timer; rows are claimed with SKIP LOCKED).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class RecoveryTimer {

  private static final Logger LOG = Logger.getLogger(RecoveryTimer.class.getName());

  @Resource TimerService timerService;
  @Inject OdcsConfig config;
  @Inject InterruptedGenerationRecovery recovery;

  @PostConstruct
  void schedule() {
    long period = config.heartbeatPeriod().toMillis();
    timerService.createIntervalTimer(0, period, new TimerConfig("odcs-crash-recovery", false));
  }

  @Timeout
  void tick() {
    try {
      recovery.recover();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "Recovering interrupted composes failed; retrying next period", e);
    }
  }
}
