package org.odcsj.instance;

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
 * Records this instance's heartbeat at start and then every {@link OdcsConfig#heartbeatPeriod()} (a
 * non-persistent timer, like the expiry timer's).
 */
@Singleton
@Startup
@DependsOn("DatabaseMigrator")
public class HeartbeatTimer {

  private static final Logger LOG = Logger.getLogger(HeartbeatTimer.class.getName());

  @Resource TimerService timerService;
  @Inject OdcsConfig config;
  @Inject InstanceHeartbeats heartbeats;
  @Inject OwnHeartbeat own;
  @Inject InstanceIdentity identity;

  @PostConstruct
  void schedule() {
    long period = config.heartbeatPeriod().toMillis();
    timerService.createIntervalTimer(0, period, new TimerConfig("odcs-heartbeat", false));
    LOG.info(
        () ->
            "Instance "
                + identity.name()
                + " (boot "
                + identity.bootId()
                + ") beats every "
                + period
                + " ms");
  }

  @Timeout
  void tick() {
    try {
      heartbeats.beat();
      own.recorded(java.time.Instant.now());
    } catch (RuntimeException e) {
      own.failed();
      LOG.log(Level.WARNING, "Recording the heartbeat failed; retrying next period", e);
    }
  }
}
