package org.odcsj.generation;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeState;
import org.odcsj.compose.InterruptedGenerations;
import org.odcsj.config.OdcsConfig;
import org.odcsj.instance.InstanceIdentity;
import org.odcsj.instance.OwnHeartbeat;
import org.odcsj.output.ComposeTree;

/**
 * Finds the composes left {@code generating} by an instance that is gone and hands them to {@link
 * InterruptedGenerations} (queued again, or failed after the third time), after removing the
 * crashed attempt's staging tree. An instance is gone when its heartbeat is older than {@link
 * OdcsConfig#instanceDeadAfter()}, or when its name runs under another boot (restarted: this
 * instance recognises its own previous boot at once). Every instance runs it; each compose is
 * claimed with {@code FOR UPDATE SKIP LOCKED}, so only one instance settles it.
 */
@Stateless
public class InterruptedGenerationRecovery {

  private static final int BATCH = 100;

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  @Inject OdcsConfig config;
  @Inject InstanceIdentity identity;
  @Inject InterruptedGenerations interrupted;
  @Inject OwnHeartbeat ownHeartbeat;

  /** Settles the composes of gone instances; the number settled. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int recover() {
    Instant now = Instant.now();
    // An old heartbeat proves nothing while this instance could not beat either (e.g. just after
    // a database outage): then only restarted instances are recognised.
    Timestamp deadBefore =
        ownHeartbeat.steadyFor(config.instanceDeadAfter(), now)
            ? Timestamp.from(now.minus(config.instanceDeadAfter()))
            : new Timestamp(0);
    // A claim made before its instance's first heartbeat is covered by the time_started grace.
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select c.id, c.generating_boot, c.generating_instance, h.last_seen, h.boot_id"
                    + " from composes c"
                    + " left join instance_heartbeats h on h.instance_name = c.generating_instance"
                    + " where c.state = ?1 and c.reused_id is null"
                    + " and c.generating_boot is not null and c.generating_boot <> ?2"
                    + " and (c.generating_instance = ?3"
                    + " or (h.boot_id <> c.generating_boot and h.last_seen >= c.time_started)"
                    + " or (c.time_started < ?4 and (h.last_seen is null or h.last_seen < ?4)))"
                    + " order by c.id limit "
                    + BATCH)
            .setParameter(1, ComposeState.GENERATING.code())
            .setParameter(2, identity.bootId())
            .setParameter(3, identity.name())
            .setParameter(4, deadBefore)
            .getResultList();
    int settled = 0;
    for (Object[] row : rows) {
      long id = ((Number) row[0]).longValue();
      if (!lock(id, (String) row[1])) {
        continue; // another instance is settling it, or it changed since the query
      }
      Compose compose = em.find(Compose.class, id);
      new ComposeTree(
              config.targetDirFor(compose.spec().targetDir()), id, compose.getGenerationAttempts())
          .discardStaging();
      interrupted.settle(compose, why((String) row[2], row[3], (String) row[4], row[1]), now);
      settled++;
    }
    return settled;
  }

  private boolean lock(long id, String boot) {
    return !em.createNativeQuery(
            "select id from composes where id = ?1 and state = ?2 and generating_boot = ?3"
                + " for update skip locked")
        .setParameter(1, id)
        .setParameter(2, ComposeState.GENERATING.code())
        .setParameter(3, boot)
        .getResultList()
        .isEmpty();
  }

  private String why(String instance, Object lastSeen, String currentBoot, Object claimBoot) {
    if (identity.name().equals(instance)) {
      return "restarted (it is this instance, now in boot " + identity.bootId() + ")";
    }
    if (currentBoot != null && !currentBoot.equals(claimBoot)) {
      return "restarted (it now runs as boot " + currentBoot + ")";
    }
    return lastSeen == null
        ? "has no heartbeat"
        : "stopped beating: last heartbeat at "
            + lastSeen
            + ", more than "
            + config.instanceDeadAfter().toSeconds()
            + " s ago";
  }
}
