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
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Every state transition of a compose, each in one short transaction. Generation itself runs
 * outside any transaction, between {@link #claim} and {@link #markDone}/{@link #markFailed}.
 */
@Stateless
public class ComposeLifecycle {

  private static final Logger LOG = Logger.getLogger(ComposeLifecycle.class.getName());

  @PersistenceContext(unitName = "odcs")
  EntityManager em;

  @Inject Event<ComposeQueued> queued;

  /** Stores the compose in {@code wait} and queues its generation, atomically. */
  public Compose submit(NewCompose request) {
    Compose compose = new Compose(request);
    em.persist(compose);
    em.flush();
    queued.fire(new ComposeQueued(compose.getId()));
    LOG.info(
        () ->
            "Compose "
                + compose.getId()
                + " submitted by "
                + compose.getOwner()
                + " ("
                + compose.sourceType().wireName()
                + " "
                + compose.getSource()
                + ")");
    return compose;
  }

  /**
   * {@code wait → generating} under a row lock. Empty when the compose is gone or no longer waiting
   * (cancelled, or a redelivered message): the caller then does nothing.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<GenerationJob> claim(long composeId) {
    Compose compose = em.find(Compose.class, composeId, LockModeType.PESSIMISTIC_WRITE);
    if (compose == null || compose.state() != ComposeState.WAIT) {
      return Optional.empty();
    }
    compose.startGenerating(Instant.now());
    return Optional.of(GenerationJob.of(compose));
  }

  /** {@code generating → done}; false when the compose left {@code generating} meanwhile. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean markDone(long composeId, Long kojiEvent, String sourceFingerprint) {
    Compose compose = em.find(Compose.class, composeId, LockModeType.PESSIMISTIC_WRITE);
    if (compose == null || compose.state() != ComposeState.GENERATING) {
      return false;
    }
    compose.recordResolvedSource(kojiEvent, sourceFingerprint);
    compose.finishDone(Instant.now());
    return true;
  }

  /** {@code wait|generating → failed}; false when the compose had already ended. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean markFailed(long composeId, String reason) {
    Compose compose = em.find(Compose.class, composeId, LockModeType.PESSIMISTIC_WRITE);
    if (compose == null
        || (compose.state() != ComposeState.GENERATING && compose.state() != ComposeState.WAIT)) {
      return false;
    }
    compose.finishFailed(reason, Instant.now());
    return true;
  }
}
