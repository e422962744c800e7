package org.odcsj.expiry;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeState;
import org.odcsj.compose.ComposeStateChanged;
import org.odcsj.config.OdcsConfig;
import org.odcsj.output.ComposeTree;

/**
 * Fails composes left in {@code generating} longer than the configured maximum (a worker that died
 * mid-compose), so they expire and get cleaned like any failed compose.
 */
@Stateless
public class StuckComposeFailer {

  private static final Logger LOG = Logger.getLogger(StuckComposeFailer.class.getName());

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  @Inject OdcsConfig config;
  @Inject Event<ComposeStateChanged> stateChanged;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int failStuckGenerating() {
    Instant now = Instant.now();
    long maxSeconds = config.generatingMax().toSeconds();
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "select id from composes where state = ?1 and time_started < ?2"
                    + " order by id limit 100 for update skip locked")
            .setParameter(1, ComposeState.GENERATING.code())
            .setParameter(2, Timestamp.from(now.minusSeconds(maxSeconds)))
            .getResultList();
    for (Number id : ids) {
      Compose compose = em.find(Compose.class, id.longValue());
      compose.finishFailed(
          "Compose stuck in 'generating' state for longer than " + maxSeconds + " seconds.", now);
      stateChanged.fire(new ComposeStateChanged(compose));
      new ComposeTree(config.targetDirFor(compose.getTargetDir()), compose.getId())
          .discardStaging();
      LOG.warning(() -> "Compose " + id + " was stuck in generating; marked failed");
    }
    return ids.size();
  }
}
