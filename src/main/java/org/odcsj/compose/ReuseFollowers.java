package org.odcsj.compose;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * The composes that reuse a compose which was still {@code generating} (its followers) and wait for
 * it. Their fate is settled in the transaction that ends the reused compose, so nothing waits in
 * memory and a crash loses nothing: they end as it ends, or — when it was cancelled or is gone — go
 * back to {@code wait} to be generated on their own. Each is a state change with its message.
 * Callers lock the reused compose first, then its followers are locked: always in that order.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class ReuseFollowers {

  private static final Logger LOG = Logger.getLogger(ReuseFollowers.class.getName());

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  @Inject Event<ComposeStateChanged> stateChanged;
  @Inject Event<ComposeQueued> queued;

  /**
   * The reused compose ended {@code done} or {@code failed}: its followers end the same way. Call
   * it before publishing the reused compose's own change: sharing lifetimes may extend it.
   */
  public void endLike(Compose reused, Instant now) {
    for (Compose follower : waitingOn(reused.getId())) {
      follower.endLike(reused, now);
      stateChanged.fire(new ComposeStateChanged(follower));
      LOG.info(
          () ->
              "Compose "
                  + follower.getId()
                  + " ends "
                  + reused.state().wireName()
                  + " with compose "
                  + reused.getId()
                  + " it reuses");
    }
  }

  /**
   * The reused compose will never end {@code done} (cancelled, or gone): its followers go back to
   * {@code wait} and are queued for generation of their own.
   */
  public void release(long reusedId) {
    for (Compose follower : waitingOn(reusedId)) {
      follower.stopFollowing();
      stateChanged.fire(new ComposeStateChanged(follower));
      queued.fire(new ComposeQueued(follower.getId()));
      LOG.info(
          () ->
              "Compose "
                  + follower.getId()
                  + " no longer reuses compose "
                  + reusedId
                  + "; queued to be generated on its own");
    }
  }

  private List<Compose> waitingOn(long reusedId) {
    return em.createQuery(
            "select c from Compose c where c.reusedId = :id and c.state = :generating"
                + " order by c.id",
            Compose.class)
        .setParameter("id", reusedId)
        .setParameter("generating", ComposeState.GENERATING.code())
        .setLockMode(LockModeType.PESSIMISTIC_WRITE)
        .getResultList();
  }
}
