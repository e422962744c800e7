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
 * Moves {@code done}/{@code failed} composes whose time_to_expire passed to {@code removed} and
 * deletes their files. Rows are claimed with FOR UPDATE SKIP LOCKED, so two instances never remove
 * the same compose; deleting already-deleted files is harmless if a transaction retries.
 */
@Stateless
public class ExpiredComposeRemover {

  private static final Logger LOG = Logger.getLogger(ExpiredComposeRemover.class.getName());
  private static final int BATCH = 100;

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  @Inject OdcsConfig config;
  @Inject Event<ComposeStateChanged> stateChanged;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int removeExpired() {
    Instant now = Instant.now();
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "select id from composes where state in (?1, ?2) and time_to_expire < ?3"
                    + " order by id limit "
                    + BATCH
                    + " for update skip locked")
            .setParameter(1, ComposeState.DONE.code())
            .setParameter(2, ComposeState.FAILED.code())
            .setParameter(3, Timestamp.from(now))
            .getResultList();
    for (Number id : ids) {
      Compose compose = em.find(Compose.class, id.longValue());
      if (compose.getReusedId() == null) {
        // A compose reusing another one does not own the files it points at.
        ComposeTree tree =
            new ComposeTree(config.targetDirFor(compose.spec().targetDir()), compose.getId());
        tree.delete();
        if (compose.spec().sourceType() == org.odcsj.compose.SourceType.RAW_CONFIG
            && compose.spec().composeType() != null) {
          tree.deleteLinksIn(compose.spec().composeType());
        }
      }
      compose.expire(now);
      stateChanged.fire(new ComposeStateChanged(compose));
      LOG.info(() -> "Compose " + id + " expired and removed");
    }
    return ids.size();
  }
}
