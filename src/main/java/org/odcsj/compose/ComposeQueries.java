package org.odcsj.compose;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.persistence.config.HintValues;
import org.eclipse.persistence.config.QueryHints;

/**
 * Read-only queries over composes: one indexed query per page plus one count. They join a caller's
 * transaction but start none: a JTA transaction per read (begin, enlist the XA datasource, commit)
 * only cost time on every GET.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class ComposeQueries {

  /** Attributes a filter or ordering may name (guards the JPQL built below). */
  private static final Set<String> ATTRIBUTES =
      Set.of(
          "id",
          "owner",
          "sourceType",
          "source",
          "state",
          "kojiEvent",
          "kojiTaskId",
          "pungiComposeId",
          "composeType",
          "label",
          "timeToExpire",
          "timeSubmitted",
          "timeDone",
          "timeRemoved");

  /**
   * Entities read here are only shown, never changed: EclipseLink then builds no change-tracking
   * copy of each (a sixth of a list request went to building entities).
   */
  private static final Map<String, Object> READ_ONLY =
      Map.of(QueryHints.READ_ONLY, HintValues.TRUE);

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  @Inject ListCountCache totals;

  /** Number of composes per source type code and state code. */
  public java.util.Map<Integer, java.util.Map<Integer, Long>> countByTypeAndState() {
    java.util.Map<Integer, java.util.Map<Integer, Long>> counts = new java.util.HashMap<>();
    for (Object[] row :
        em.createQuery(
                "select c.spec.sourceType, c.state, count(c) from Compose c"
                    + " group by c.spec.sourceType, c.state",
                Object[].class)
            .getResultList()) {
      counts
          .computeIfAbsent(((Number) row[0]).intValue(), k -> new java.util.HashMap<>())
          .put(((Number) row[1]).intValue(), ((Number) row[2]).longValue());
    }
    return counts;
  }

  /** Number of raw_config composes per source and state code. */
  public java.util.Map<String, java.util.Map<Integer, Long>> countRawConfigBySourceAndState() {
    java.util.Map<String, java.util.Map<Integer, Long>> counts = new java.util.HashMap<>();
    for (Object[] row :
        em.createQuery(
                "select c.spec.source, c.state, count(c) from Compose c"
                    + " where c.spec.sourceType = :type group by c.spec.source, c.state",
                Object[].class)
            .setParameter("type", SourceType.RAW_CONFIG.code())
            .getResultList()) {
      counts
          .computeIfAbsent((String) row[0], k -> new java.util.HashMap<>())
          .put(((Number) row[1]).intValue(), ((Number) row[2]).longValue());
    }
    return counts;
  }

  /** The compose, for reading: never registered for change tracking (see READ_ONLY). */
  public Optional<Compose> find(long id) {
    return Optional.ofNullable(em.find(Compose.class, id, READ_ONLY));
  }

  /** One page (1-based) of the composes matching the filter, in its order. */
  public List<Compose> page(ComposeFilter filter, int page, int perPage) {
    String order = attribute(filter.orderBy()) + (filter.descending() ? " desc" : " asc");
    TypedQuery<Compose> query =
        em.createQuery(
            "select c from Compose c" + where(filter) + " order by c." + order + ", c.id asc",
            Compose.class);
    bind(query, filter);
    READ_ONLY.forEach(query::setHint);
    return query.setFirstResult((page - 1) * perPage).setMaxResults(perPage).getResultList();
  }

  /** Number of composes matching the filter (recent totals are remembered: ListCountCache). */
  public long count(ComposeFilter filter) {
    return totals.total(filter.equalTo(), () -> countNow(filter));
  }

  private long countNow(ComposeFilter filter) {
    TypedQuery<Long> query =
        em.createQuery("select count(c) from Compose c" + where(filter), Long.class);
    bind(query, filter);
    return query.getSingleResult();
  }

  private static String where(ComposeFilter filter) {
    if (filter.equalTo().isEmpty()) {
      return "";
    }
    StringBuilder where = new StringBuilder(" where ");
    int i = 0;
    for (String attribute : filter.equalTo().keySet()) {
      if (i > 0) {
        where.append(" and ");
      }
      where.append("c.").append(attribute(attribute)).append(" = :p").append(i++);
    }
    return where.toString();
  }

  private static void bind(TypedQuery<?> query, ComposeFilter filter) {
    int i = 0;
    for (Object value : filter.equalTo().values()) {
      query.setParameter("p" + i++, value);
    }
  }

  // The request inputs live in the embedded spec.
  private static final Set<String> SPEC_ATTRIBUTES =
      Set.of("sourceType", "source", "kojiEvent", "composeType", "label");

  private static String attribute(String name) {
    if (!ATTRIBUTES.contains(name)) {
      throw new IllegalArgumentException("Not a compose attribute: " + name);
    }
    return SPEC_ATTRIBUTES.contains(name) ? "spec." + name : name;
  }
}
