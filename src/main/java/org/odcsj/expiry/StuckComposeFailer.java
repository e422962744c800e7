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
import org.odcsj.compose.ReuseFollowers;
import org.odcsj.config.OdcsConfig;
import org.odcsj.output.ComposeTree;

/**
 * Fails composes left in {@code generating} longer than the configured maximum (a worker that died
 * mid-compose), so they expire and get cleaned like any failed compose; composes waiting for one of
 * them (reusing it) fail with it.
 */
@Stateless
public class StuckComposeFailer {

  private static final Logger LOG = Logger.getLogger(StuckComposeFailer.class.getName());

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  @Inject OdcsConfig config;
  @Inject Event<ComposeStateChanged> stateChanged;
  @Inject ReuseFollowers followers;

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
    int failed = 0;
    for (Number id : ids) {
      Compose compose = em.find(Compose.class, id.longValue());
      if (compose.state() != ComposeState.GENERATING) {
        continue; // a follower of a compose failed just above: it ended with it
      }
      compose.finishFailed(
          "Compose stuck in 'generating' state for longer than " + maxSeconds + " seconds.", now);
      followers.endLike(compose, now); // first: it may extend this one's lifetime
      stateChanged.fire(new ComposeStateChanged(compose));
      failed++;
      new ComposeTree(
              config.targetDirFor(compose.spec().targetDir()),
              compose.getId(),
              compose.getGenerationAttempts())
          .discardStaging();
      LOG.warning(() -> "Compose " + id + " was stuck in generating; marked failed");
    }
    return failed;
  }
}
