package org.odcsj.compose;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;

/**
 * The outbox of submissions: composes stored by a POST whose generation request is not sent yet
 * ({@code dispatched = false}). The dispatcher takes a batch in its transaction, sends their
 * requests and commits the mark; rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so instances
 * sharing the database do not send the same ones at the same time.
 */
@Stateless
public class UndispatchedComposes {

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  /**
   * Up to {@code max} undispatched composes, oldest first, locked and marked dispatched in the
   * caller's transaction; those no longer {@code wait} (cancelled meanwhile) need no request.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public List<Compose> takeBatch(int max) {
    @SuppressWarnings("unchecked")
    List<Number> ids =
        em.createNativeQuery(
                "select id from composes where dispatched = false"
                    + " order by id limit ?1 for update skip locked")
            .setParameter(1, max)
            .getResultList();
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Compose> composes =
        em.createQuery("select c from Compose c where c.id in :ids order by c.id", Compose.class)
            .setParameter("ids", ids.stream().map(Number::longValue).toList())
            .getResultList();
    composes.forEach(Compose::markDispatched);
    return composes;
  }
}
