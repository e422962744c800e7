package org.odcsj.compose;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The outbox of submissions: composes stored by a POST whose generation request is not sent yet.
 * One transaction sends a batch of them — generation request and first state-changed message of
 * each — and marks them dispatched, so a request is sent if and only if its mark commits. Rows are
 * claimed with {@code FOR UPDATE SKIP LOCKED}: instances sharing the database never send one twice.
 */
@Stateless
public class UndispatchedComposes {

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  @Inject Event<ComposeQueued> queued;
  @Inject Event<ComposeStateChanged> stateChanged;

  /** Dispatches up to {@code max} composes, oldest first; returns how many were undispatched. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int dispatch(int max) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "select id from composes where dispatched = false"
                    + " order by id limit ?1 for update skip locked")
            .setParameter(1, max)
            .getResultList();
    if (ids.isEmpty()) {
      return 0;
    }
    List<Compose> composes =
        em.createQuery("select c from Compose c where c.id in :ids order by c.id", Compose.class)
            .setParameter("ids", ids.stream().map(Number::longValue).toList())
            .getResultList();
    for (Compose compose : composes) {
      compose.markDispatched();
      // Cancelled before its dispatch: nothing to generate, and its cancellation was announced.
      if (compose.state() == ComposeState.WAIT) {
        stateChanged.fire(new ComposeStateChanged(compose));
        queued.fire(new ComposeQueued(compose.getId()));
      }
    }
    return ids.size();
  }
}
