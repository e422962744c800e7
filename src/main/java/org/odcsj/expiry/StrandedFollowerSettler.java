package org.odcsj.expiry;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeState;
import org.odcsj.compose.ReuseFollowers;

/**
 * Safety net for composes waiting on a reused compose that is no longer {@code generating} without
 * having settled them (rows written by an older version, or changed by hand): they end as it ended
 * ({@code done}/{@code failed}), or — when it is {@code removed} or gone — go back to {@code wait}
 * to be generated on their own. Normally the reused compose's own end settles them.
 */
@Stateless
public class StrandedFollowerSettler {

  private static final Logger LOG = Logger.getLogger(StrandedFollowerSettler.class.getName());

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  @Inject ReuseFollowers followers;

  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int settleStranded() {
    @SuppressWarnings("unchecked")
    List<Number> reusedIds =
        em.createNativeQuery(
                "select distinct f.reused_id from composes f"
                    + " left join composes o on o.id = f.reused_id"
                    + " where f.state = ?1 and f.reused_id is not null"
                    + " and (o.id is null or o.state <> ?1)"
                    + " order by f.reused_id limit 100")
            .setParameter(1, ComposeState.GENERATING.code())
            .getResultList();
    Instant now = Instant.now();
    for (Number id : reusedIds) {
      // The reused compose is locked before its followers, as everywhere else.
      Compose reused = em.find(Compose.class, id.longValue(), LockModeType.PESSIMISTIC_WRITE);
      ComposeState state = reused == null ? null : reused.state();
      if (state == ComposeState.GENERATING) {
        continue; // cannot happen (nothing returns to generating); nothing stranded then
      }
      if (state == ComposeState.DONE || state == ComposeState.FAILED) {
        followers.endLike(reused, now);
      } else {
        followers.release(id.longValue());
      }
      String what = state == null ? "gone" : state.wireName();
      LOG.warning(() -> "Settled the composes left waiting on compose " + id + " (" + what + ")");
    }
    return reusedIds.size();
  }
}
