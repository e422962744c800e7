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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.odcsj.outage.BrokerAvailability;

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
  @Inject Event<ComposeStateChanged> stateChanged;
  @Inject Event<ComposeSubmitted> submitted;
  @Inject ReuseFollowers followers;
  @Inject BrokerAvailability broker;

  /**
   * Stores the compose in {@code wait}, not yet dispatched: the row is the outbox record, sent to
   * the generation queue (with its state-changed message) from {@link UndispatchedComposes} after
   * this transaction commits. The submission thus commits the database alone — no two-phase commit
   * with the broker, which was most of a POST's time.
   */
  public Compose submit(NewCompose request) {
    // Accepted only while the broker answers, else a 503 that stored nothing (as before the
    // outbox).
    broker.requireReachable();
    Compose compose = Compose.submitted(request);
    em.persist(compose);
    em.flush();
    submitted.fire(new ComposeSubmitted(compose.getId()));
    LOG.info(
        () ->
            "Compose "
                + compose.getId()
                + " submitted by "
                + compose.getOwner()
                + " ("
                + compose.spec().sourceType().wireName()
                + " "
                + compose.spec().source()
                + ")");
    return compose;
  }

  /** Renew of a compose: its new sigkeys (null = unchanged), module/build overrides, lifetime. */
  public record Renewal(String sigkeys, String modules, String builds, long secondsToLive) {}

  /**
   * PATCH: extends a {@code done} compose (and the composes it reuses or that reuse it), or creates
   * a regenerated copy in {@code wait} — for {@code removed}/{@code failed} composes, or when
   * sigkeys, modules or builds change.
   */
  public Compose renew(long composeId, String username, Renewal renewal) {
    Compose old = em.find(Compose.class, composeId, LockModeType.PESSIMISTIC_WRITE);
    if (old == null || old.state() == ComposeState.WAIT || old.state() == ComposeState.GENERATING) {
      throw new ComposeOperationRefused(
          ComposeOperationRefused.Reason.NOT_FOUND, "No compose with id " + composeId + " found");
    }
    Instant now = Instant.now();
    String sigkeys =
        renewal.sigkeys() != null
            ? renewal.sigkeys()
            : nullToEmpty(SpaceJoined.text(old.spec().sigkeys()));
    boolean copy =
        old.state() != ComposeState.DONE
            || !sigkeys.equals(nullToEmpty(SpaceJoined.text(old.spec().sigkeys())))
            || renewal.modules() != null
            || renewal.builds() != null;
    if (!copy) {
      Instant until = now.plusSeconds(renewal.secondsToLive());
      old.extendTo(until);
      relatedByReuse(old).forEach(c -> c.extendTo(until));
      LOG.info(() -> "Compose " + composeId + " renewed until " + old.getTimeToExpire());
      return old;
    }
    Compose fresh =
        old.regenerate(
            username, sigkeys, renewal.modules(), renewal.builds(), now, renewal.secondsToLive());
    em.persist(fresh);
    em.flush();
    queued.fire(new ComposeQueued(fresh.getId()));
    stateChanged.fire(new ComposeStateChanged(fresh));
    LOG.info(() -> "Compose " + fresh.getId() + " regenerates compose " + composeId);
    return fresh;
  }

  /** What a DELETE did. */
  public enum Deletion {
    CANCELED,
    REMOVAL_ACCEPTED
  }

  /**
   * DELETE: cancels a {@code wait}/{@code generating} compose (owner or admin), or asks for the
   * removal of a {@code done}/{@code failed} one (admin only; the expiry timer removes it).
   */
  public Deletion delete(long composeId, String username, boolean admin) {
    Compose compose = em.find(Compose.class, composeId, LockModeType.PESSIMISTIC_WRITE);
    if (compose == null) {
      throw new ComposeOperationRefused(
          ComposeOperationRefused.Reason.NOT_FOUND, "No such compose found.");
    }
    ComposeState state = compose.state();
    if (state == ComposeState.WAIT || state == ComposeState.GENERATING) {
      if (!admin && !username.equals(compose.getOwner())) {
        throw new ComposeOperationRefused(
            ComposeOperationRefused.Reason.FORBIDDEN,
            "Compose (id="
                + composeId
                + ") can not be canceled, it's owned by "
                + compose.getOwner()
                + ".");
      }
      compose.cancel(username, Instant.now());
      stateChanged.fire(new ComposeStateChanged(compose));
      // Composes reusing it were not cancelled by their owners: they get generated themselves.
      followers.release(compose.getId());
      LOG.info(() -> "Compose " + composeId + " canceled by " + username);
      return Deletion.CANCELED;
    }
    if (!admin) {
      throw new ComposeOperationRefused(
          ComposeOperationRefused.Reason.FORBIDDEN, "User " + username + " is not in role admins.");
    }
    if (state != ComposeState.DONE && state != ComposeState.FAILED) {
      throw new ComposeOperationRefused(
          ComposeOperationRefused.Reason.WRONG_STATE,
          "Compose (id="
              + composeId
              + ") can not be removed, its state need to be in ['done', 'failed'].");
    }
    Instant now = Instant.now();
    compose.requestRemoval(username, now);
    // Composes reusing it serve its tree: they go with it (as in ODCS), not dangle.
    List<Long> dependents = new ArrayList<>();
    for (Compose reusing :
        em.createQuery("select c from Compose c where c.reusedId = :id", Compose.class)
            .setParameter("id", compose.getId())
            .getResultList()) {
      ComposeState s = reusing.state();
      if (s == ComposeState.DONE || s == ComposeState.FAILED) {
        reusing.requestRemoval(username, now);
        dependents.add(reusing.getId());
      }
    }
    LOG.info(
        () ->
            "Removal of compose "
                + composeId
                + " requested by "
                + username
                + (dependents.isEmpty() ? "" : "; with the composes reusing it: " + dependents));
    return Deletion.REMOVAL_ACCEPTED;
  }

  private List<Compose> relatedByReuse(Compose compose) {
    List<Compose> related =
        new ArrayList<>(
            em.createQuery("select c from Compose c where c.reusedId = :id", Compose.class)
                .setParameter("id", compose.getId())
                .getResultList());
    if (compose.getReusedId() != null) {
      Optional.ofNullable(em.find(Compose.class, compose.getReusedId())).ifPresent(related::add);
    }
    return related;
  }

  // A regenerated copy with the original's sigkeys gets exactly the original's NEVRAs.
  private List<String> pinnedPackages(Compose compose) {
    if (compose.getRegeneratedFrom() == null) {
      return List.of();
    }
    Compose original = em.find(Compose.class, compose.getRegeneratedFrom());
    ComposePackageList list = em.find(ComposePackageList.class, compose.getRegeneratedFrom());
    if (original == null
        || list == null
        || !nullToEmpty(SpaceJoined.text(original.spec().sigkeys()))
            .equals(nullToEmpty(SpaceJoined.text(compose.spec().sigkeys())))
        || !java.util.Objects.equals(original.spec().builds(), compose.spec().builds())
        || !java.util.Objects.equals(original.spec().modules(), compose.spec().modules())) {
      return List.of();
    }
    return list.archNevras();
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }

  /** Records the progress of a generating compose (no lock: a best-effort display value). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public void reportProgress(long composeId, String phase, int percent) {
    em.createQuery(
            "update Compose c set c.progressPhase = :phase, c.progressPercent = :percent"
                + " where c.id = :id and c.state = :generating")
        .setParameter("phase", phase)
        .setParameter("percent", percent)
        .setParameter("id", composeId)
        .setParameter("generating", ComposeState.GENERATING.code())
        .executeUpdate();
  }

  /**
   * {@code wait → generating} under a row lock, by instance {@code instance} in its boot {@code
   * boot} (so a crash of that instance is recognised). Empty when the compose is gone or no longer
   * waiting (cancelled, or a redelivered message): the caller then does nothing.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<GenerationJob> claim(long composeId, String instance, String boot) {
    Compose compose = em.find(Compose.class, composeId, LockModeType.PESSIMISTIC_WRITE);
    if (compose == null || compose.state() != ComposeState.WAIT) {
      return Optional.empty();
    }
    compose.startGenerating(Instant.now(), instance, boot);
    stateChanged.fire(new ComposeStateChanged(compose));
    return Optional.of(GenerationJob.of(compose, pinnedPackages(compose)));
  }

  /** True while generation attempt {@code attempt} still owns the compose (no lock: a hint). */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public boolean holdsClaim(long composeId, int attempt) {
    Compose compose = em.find(Compose.class, composeId);
    return compose != null && compose.claimedBy(attempt);
  }

  /** What recording the outcome of a generation attempt did. */
  public enum Outcome {
    /** Recorded. */
    RECORDED,
    /** Not recorded: the compose ended meanwhile (cancelled): its output must go. */
    ENDED_MEANWHILE,
    /** Not recorded: a later attempt owns the compose (this one was taken for dead). */
    SUPERSEDED
  }

  /** The older compose a generating one reuses; {@code stillGenerating} when it waits for it. */
  public record Reused(long id, boolean stillGenerating) {}

  /**
   * Answers a generating compose with an older compose of the same inputs and source fingerprint,
   * unless {@code no_reuse} (spec backend §4): an unexpired {@code done} one (newest first) makes
   * it {@code done} at once; else one still {@code generating} (with reason {@code Compose is
   * generating}) is followed: this compose stays {@code generating}, is not generated itself, and
   * ends as that one ends ({@link ReuseFollowers}).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Reused> reuseIfPossible(
      long composeId, ComposeSpec resolved, String sourceFingerprint) {
    return reuseIfPossible(composeId, resolved, sourceFingerprint, List.of());
  }

  /**
   * The fingerprints of the older composes a generating one could reuse (same source type and
   * source, {@code done} and unexpired or generating), for a source to judge those that differ from
   * its own ({@code source.Resolution.OlderContent}).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public List<String> reuseCandidateFingerprints(long composeId, ComposeSpec resolved) {
    return reuseCandidates(
            "select distinct c.sourceFingerprint",
            " and c.sourceFingerprint is not null",
            String.class,
            composeId,
            resolved,
            Instant.now())
        .getResultList();
  }

  /**
   * As {@link #reuseIfPossible(long, ComposeSpec, String)}, an older compose also matching when its
   * fingerprint is one of {@code sameContentFingerprints} (judged the same content by the source).
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Optional<Reused> reuseIfPossible(
      long composeId,
      ComposeSpec resolved,
      String sourceFingerprint,
      java.util.Collection<String> sameContentFingerprints) {
    Compose compose = em.find(Compose.class, composeId, LockModeType.PESSIMISTIC_WRITE);
    if (compose == null
        || compose.state() != ComposeState.GENERATING
        || compose.spec().hasFlag(ComposeFlag.NO_REUSE)
        || sourceFingerprint.isEmpty()) {
      return Optional.empty();
    }
    compose.recordResolution(resolved, sourceFingerprint);
    Instant now = Instant.now();
    List<Compose> older =
        reuseCandidates(
                "select c",
                " and c.sourceFingerprint in :fingerprints order by c.id desc",
                Compose.class,
                composeId,
                compose.spec(),
                now)
            .setParameter("fingerprints", fingerprints(sourceFingerprint, sameContentFingerprints))
            .getResultList();
    List<Compose> doneFirst = new ArrayList<>(older);
    doneFirst.sort(Comparator.comparing(c -> c.state() != ComposeState.DONE));
    for (Compose candidate : doneFirst) {
      if (!compose.spec().sameInputsAs(candidate.spec())) {
        continue;
      }
      // Locked and re-read: it may have ended (or been cancelled) since the query above.
      em.refresh(candidate, LockModeType.PESSIMISTIC_WRITE);
      if (candidate.getReusedId() != null) {
        continue;
      }
      if (candidate.state() == ComposeState.DONE && candidate.getTimeToExpire().isAfter(now)) {
        compose.reuse(candidate, now);
        stateChanged.fire(new ComposeStateChanged(compose));
        LOG.info(() -> "Compose " + composeId + " reuses compose " + candidate.getId());
        return Optional.of(new Reused(candidate.getId(), false));
      }
      if (candidate.state() == ComposeState.GENERATING
          && Compose.GENERATING_REASON.equals(candidate.getStateReason())) {
        compose.followGenerating(candidate);
        LOG.info(
            () ->
                "Compose "
                    + composeId
                    + " reuses compose "
                    + candidate.getId()
                    + ", which is still generating; it ends as that one ends");
        return Optional.of(new Reused(candidate.getId(), true));
      }
    }
    return Optional.empty();
  }

  /**
   * The older composes a generating one may reuse — same source type and source, unexpired {@code
   * done} or generating (and not themselves reusing) — selected as {@code select}, narrowed by
   * {@code more}; at most 50.
   */
  private <T> jakarta.persistence.TypedQuery<T> reuseCandidates(
      String select, String more, Class<T> type, long composeId, ComposeSpec spec, Instant now) {
    return em.createQuery(
            select
                + " from Compose c where c.id < :id and c.reusedId is null"
                + " and c.spec.sourceType = :type and c.spec.source = :source"
                + " and ((c.state = :done and c.timeToExpire > :now)"
                + " or (c.state = :generating and c.stateReason = :generatingReason))"
                + more,
            type)
        .setParameter("id", composeId)
        .setParameter("done", ComposeState.DONE.code())
        .setParameter("generating", ComposeState.GENERATING.code())
        .setParameter("generatingReason", Compose.GENERATING_REASON)
        .setParameter("type", spec.sourceType().code())
        .setParameter("source", spec.source())
        .setParameter("now", now)
        .setMaxResults(50);
  }

  private static List<String> fingerprints(String own, java.util.Collection<String> sameContent) {
    List<String> all = new ArrayList<>(List.of(own));
    sameContent.stream().filter(f -> !f.equals(own)).forEach(all::add);
    return all;
  }

  /**
   * {@code generating → done} by generation attempt {@code attempt}, and so every compose that
   * waits for it (same transaction); not recorded when the compose left {@code generating}
   * meanwhile or a later attempt owns it.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Outcome markDone(
      long composeId,
      int attempt,
      ComposeSpec resolved,
      String sourceFingerprint,
      List<String> archNevras,
      String pungiComposeId,
      String pungiConfigDump) {
    Compose compose = em.find(Compose.class, composeId, LockModeType.PESSIMISTIC_WRITE);
    Outcome refused = refusal(compose, attempt);
    if (refused != null) {
      return refused;
    }
    em.persist(new ComposePackageList(composeId, archNevras));
    compose.recordResolution(resolved, sourceFingerprint);
    compose.recordPungiComposeId(pungiComposeId);
    if (pungiConfigDump != null) {
      compose.recordPungiConfigDump(pungiConfigDump);
    }
    Instant now = Instant.now();
    compose.finishDone(now);
    followers.endLike(compose, now); // first: it may extend this one's lifetime
    stateChanged.fire(new ComposeStateChanged(compose));
    return Outcome.RECORDED;
  }

  /**
   * {@code generating → failed} by generation attempt {@code attempt}, and so every compose that
   * waits for it (same transaction); not recorded when the compose had already ended or a later
   * attempt owns it.
   */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public Outcome markFailed(long composeId, int attempt, String reason) {
    Compose compose = em.find(Compose.class, composeId, LockModeType.PESSIMISTIC_WRITE);
    Outcome refused = refusal(compose, attempt);
    if (refused != null) {
      return refused;
    }
    Instant now = Instant.now();
    compose.finishFailed(reason, now);
    followers.endLike(compose, now); // first: it may extend this one's lifetime
    stateChanged.fire(new ComposeStateChanged(compose));
    return Outcome.RECORDED;
  }

  // Null when attempt may record its outcome on the (locked) compose.
  private static Outcome refusal(Compose compose, int attempt) {
    if (compose != null && compose.claimedAfter(attempt)) {
      return Outcome.SUPERSEDED;
    }
    if (compose == null || !compose.claimedBy(attempt)) {
      return Outcome.ENDED_MEANWHILE;
    }
    return null;
  }
}
