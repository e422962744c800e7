package org.odcsj.compose;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Read-only queries over composes (one indexed query per call). */
@Stateless
public class ComposeQueries {

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  public Optional<Compose> find(long id) {
    return Optional.ofNullable(em.find(Compose.class, id));
  }

  /** One page, newest first. */
  public List<Compose> page(int page, int perPage) {
    return em.createQuery("select c from Compose c order by c.id desc", Compose.class)
        .setFirstResult((page - 1) * perPage)
        .setMaxResults(perPage)
        .getResultList();
  }

  public long count() {
    return em.createQuery("select count(c) from Compose c", Long.class).getSingleResult();
  }
}
