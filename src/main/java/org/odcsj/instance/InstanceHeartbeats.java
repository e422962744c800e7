package org.odcsj.instance;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The heartbeat rows of the instances sharing the database: this instance records its own; anyone
 * may ask which instances were seen lately (ODCS's {@code celery_workers}).
 */
@Stateless
public class InstanceHeartbeats {

  /** How long the row of an instance that stopped beating is kept (and reported as 0). */
  static final Duration FORGET_AFTER = Duration.ofDays(1);

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  @Inject InstanceIdentity identity;

  /**
   * Records that this instance (in its current boot) is alive now, and forgets instances gone for a
   * day.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void beat() {
    Timestamp now = Timestamp.from(Instant.now());
    int updated =
        em.createNativeQuery(
                "update instance_heartbeats set last_seen = ?1, boot_id = ?2"
                    + " where instance_name = ?3")
            .setParameter(1, now)
            .setParameter(2, identity.bootId())
            .setParameter(3, identity.name())
            .executeUpdate();
    if (updated == 0) {
      em.createNativeQuery(
              "insert into instance_heartbeats (instance_name, last_seen, boot_id)"
                  + " values (?1, ?2, ?3)")
          .setParameter(1, identity.name())
          .setParameter(2, now)
          .setParameter(3, identity.bootId())
          .executeUpdate();
    }
    em.createNativeQuery("delete from instance_heartbeats where last_seen < ?1")
        .setParameter(1, Timestamp.from(Instant.now().minus(FORGET_AFTER)))
        .executeUpdate();
  }

  /** Every known instance by name: true when its last heartbeat is at most {@code within} old. */
  public Map<String, Boolean> seenWithin(Duration within) {
    Map<String, Boolean> seen = new TreeMap<>();
    @SuppressWarnings("unchecked")
    var rows =
        (java.util.List<Object[]>)
            em.createNativeQuery(
                    "select instance_name, case when last_seen >= ?1 then 1 else 0 end"
                        + " from instance_heartbeats")
                .setParameter(1, Timestamp.from(Instant.now().minus(within)))
                .getResultList();
    for (Object[] row : rows) {
      seen.put((String) row[0], ((Number) row[1]).intValue() == 1);
    }
    return seen;
  }
}
