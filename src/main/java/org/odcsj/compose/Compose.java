package org.odcsj.compose;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * One compose row with every field of the ODCS compose. State changes go through methods so the
 * rules of the state machine live in one place (and EclipseLink's change tracking sees them).
 */
@Entity
@Table(name = "composes")
public class Compose {

  /** The reason of a compose being generated (only such a compose can be reused meanwhile). */
  public static final String GENERATING_REASON = "Compose is generating";

  @Id
  @SequenceGenerator(name = "compose_id", sequenceName = "compose_id_seq", allocationSize = 1)
  @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "compose_id")
  private Long id;

  private String owner;

  @Embedded private ComposeSpec spec;

  private int state;

  @Column(name = "state_reason")
  private String stateReason;

  @Column(name = "time_submitted")
  private Instant timeSubmitted;

  @Column(name = "time_started")
  private Instant timeStarted;

  @Column(name = "time_done")
  private Instant timeDone;

  @Column(name = "time_removed")
  private Instant timeRemoved;

  @Column(name = "time_to_expire")
  private Instant timeToExpire;

  @Column(name = "removed_by")
  private String removedBy;

  @Column(name = "koji_task_id")
  private Long kojiTaskId;

  @Column(name = "pungi_compose_id")
  private String pungiComposeId;

  @Column(name = "pungi_config_dump")
  private String pungiConfigDump;

  @Column(name = "reused_id")
  private Long reusedId;

  @Column(name = "source_fingerprint")
  private String sourceFingerprint;

  @Column(name = "removal_requested")
  private boolean removalRequested;

  @Column(name = "regenerated_from")
  private Long regeneratedFrom;

  @Column(name = "progress_phase")
  private String progressPhase;

  @Column(name = "progress_percent")
  private Integer progressPercent;

  @Column(name = "generating_instance")
  private String generatingInstance;

  @Column(name = "generating_boot")
  private String generatingBoot;

  @Column(name = "generation_attempts")
  private int generationAttempts;

  @Column(name = "generation_interruptions")
  private int generationInterruptions;

  // False only between a submission's commit and the dispatch of its generation request.
  private boolean dispatched = true;

  protected Compose() {}

  /** A new compose in state {@code wait}. */
  public Compose(NewCompose n) {
    this.owner = n.owner();
    this.spec = n.spec();
    this.timeSubmitted = n.timeSubmitted();
    this.timeToExpire = n.timeToExpire();
    this.state = ComposeState.WAIT.code();
  }

  /**
   * A new compose in state {@code wait} whose generation request is sent later, by {@link
   * UndispatchedComposes} (the row is the outbox record).
   */
  static Compose submitted(NewCompose n) {
    Compose c = new Compose(n);
    c.dispatched = false;
    return c;
  }

  /** Its generation request is sent (in the transaction that records this). */
  void markDispatched() {
    this.dispatched = true;
  }

  /**
   * A new {@code wait} compose with this one's content (PATCH regenerate/respin): owner, times and
   * state are new; {@code respin_of} names this compose's Pungi compose id.
   */
  public Compose regenerate(
      String owner, String newSigkeys, String newModules, String newBuilds, Instant now, long ttl) {
    Compose c = new Compose();
    c.owner = owner;
    c.spec =
        spec.toBuilder()
            .builds(
                newBuilds != null && !newBuilds.isEmpty()
                    ? SpaceJoined.of(newBuilds)
                    : spec.builds())
            .modules(
                newModules != null && !newModules.isEmpty()
                    ? SpaceJoined.of(newModules)
                    : spec.modules())
            .sigkeys(SpaceJoined.of(newSigkeys))
            .respinOf(pungiComposeId)
            .build();
    c.pungiConfigDump = pungiConfigDump;
    c.regeneratedFrom = id;
    c.state = ComposeState.WAIT.code();
    c.timeSubmitted = now;
    c.timeToExpire = now.plusSeconds(ttl);
    return c;
  }

  /**
   * {@code generating → done} by reusing an older done compose with the same inputs: this compose
   * points at the other's tree and both live until the later of their expiry times.
   */
  public void reuse(Compose older, Instant now) {
    requireState(ComposeState.GENERATING);
    finish(ComposeState.DONE, "Compose is generated successfully", now);
    this.reusedId = older.getId();
    this.pungiComposeId = older.getPungiComposeId();
    this.spec = spec.toBuilder().kojiEvent(older.spec.kojiEvent()).build();
    this.sourceFingerprint = older.getSourceFingerprint();
    Instant later = timeToExpire.isAfter(older.timeToExpire) ? timeToExpire : older.timeToExpire;
    this.timeToExpire = later;
    older.timeToExpire = later;
  }

  /**
   * Reuse of an older compose that is still {@code generating} the same content: this compose
   * records it and stays {@code generating} (it is not generated itself) until the older one ends,
   * then {@link #endLike ends like it}. Lifetimes are aligned then, when both are re-based.
   */
  public void followGenerating(Compose older) {
    requireState(ComposeState.GENERATING);
    older.requireState(ComposeState.GENERATING);
    this.reusedId = older.getId();
  }

  /** True while this compose waits for the older compose it reuses to finish generating. */
  public boolean followsAGeneratingCompose() {
    return state == ComposeState.GENERATING.code() && reusedId != null;
  }

  /**
   * {@code generating → done|failed} because the compose this one follows ended so: same state and
   * reason, its Pungi compose id and resolved source, and both live until the later of their
   * (re-based) expiry times.
   */
  public void endLike(Compose reused, Instant now) {
    if (!followsAGeneratingCompose() || !reusedId.equals(reused.getId())) {
      throw new IllegalStateException("Compose " + id + " does not follow compose " + reused.id);
    }
    ComposeState end = reused.state();
    if (end != ComposeState.DONE && end != ComposeState.FAILED) {
      throw new IllegalStateException("Compose " + reused.id + " is " + end.wireName());
    }
    finish(end, reused.stateReason, now);
    this.pungiComposeId = reused.pungiComposeId;
    this.spec = spec.toBuilder().kojiEvent(reused.spec.kojiEvent()).build();
    this.sourceFingerprint = reused.sourceFingerprint;
    Instant later = timeToExpire.isAfter(reused.timeToExpire) ? timeToExpire : reused.timeToExpire;
    this.timeToExpire = later;
    reused.timeToExpire = later;
  }

  /**
   * {@code generating → wait}: the compose this one followed will never end (cancelled, or gone),
   * so this one no longer reuses it and waits to be generated on its own.
   */
  public void stopFollowing() {
    if (!followsAGeneratingCompose()) {
      throw new IllegalStateException("Compose " + id + " follows no generating compose");
    }
    this.state = ComposeState.WAIT.code();
    this.stateReason = null;
    this.timeStarted = null;
    this.reusedId = null;
    this.progressPhase = null;
    this.progressPercent = null;
  }

  /** Extends the lifetime to {@code until}; never shortens it. */
  public void extendTo(Instant until) {
    if (until.isAfter(timeToExpire)) {
      this.timeToExpire = until;
    }
  }

  /** DELETE of a {@code wait}/{@code generating} compose: {@code failed}, canceled by the user. */
  public void cancel(String username, Instant now) {
    finishFailed("Canceled by " + username, now);
    this.removedBy = username;
  }

  /**
   * DELETE of a {@code done}/{@code failed} compose: expire it now; the expiry timer then removes
   * it with {@code Removed by <user>.}.
   */
  public void requestRemoval(String username, Instant now) {
    if (state != ComposeState.DONE.code() && state != ComposeState.FAILED.code()) {
      throw new IllegalStateException("Compose " + id + " is " + state().wireName());
    }
    this.timeToExpire = now;
    this.removedBy = username;
    this.removalRequested = true;
  }

  /** {@code done|failed → removed} by the expiry timer, saying why. */
  public void expire(Instant now) {
    markRemoved(removalRequested ? "Removed by " + removedBy + "." : "Compose is expired.", now);
  }

  /** {@code wait → generating}; the caller has checked the state under a row lock. */
  public void startGenerating(Instant now) {
    startGenerating(now, null, null);
  }

  /**
   * {@code wait → generating} by the instance {@code instance} in its boot {@code boot}: a new
   * attempt, whose number the generator must show when it records the outcome.
   */
  public void startGenerating(Instant now, String instance, String boot) {
    requireState(ComposeState.WAIT);
    this.state = ComposeState.GENERATING.code();
    this.timeStarted = now;
    this.stateReason = GENERATING_REASON;
    this.generatingInstance = instance;
    this.generatingBoot = boot;
    this.generationAttempts++;
  }

  /**
   * True while attempt {@code attempt} still owns the compose: it is {@code generating} and nobody
   * claimed it again since (after a crash recovery, a late result of the old attempt is refused).
   */
  public boolean claimedBy(int attempt) {
    return state == ComposeState.GENERATING.code() && generationAttempts == attempt;
  }

  /** True when a later attempt claimed the compose after {@code attempt}. */
  public boolean claimedAfter(int attempt) {
    return generationAttempts != attempt;
  }

  /**
   * {@code generating → wait}: the instance generating it is gone (crashed, killed, restarted), so
   * it is to be generated again; counts the interruption.
   */
  public void interruptGeneration() {
    requireState(ComposeState.GENERATING);
    if (reusedId != null) {
      throw new IllegalStateException("Compose " + id + " is not generated itself");
    }
    this.generationInterruptions++;
    this.state = ComposeState.WAIT.code();
    this.stateReason = null;
    this.timeStarted = null;
    this.progressPhase = null;
    this.progressPercent = null;
    this.generatingInstance = null;
    this.generatingBoot = null;
  }

  /**
   * Records what the source resolved the request to (e.g. the Koji event it was composed at) and
   * the fingerprint reuse compares.
   */
  public void recordResolution(ComposeSpec resolved, String fingerprint) {
    this.spec = resolved;
    this.sourceFingerprint = fingerprint;
  }

  /** The productmd compose id written into the compose's metadata. */
  public void recordPungiComposeId(String pungiComposeId) {
    this.pungiComposeId = pungiComposeId;
  }

  public void recordPungiConfigDump(String pungiConfigDump) {
    this.pungiConfigDump = pungiConfigDump;
  }

  public void finishDone(Instant now) {
    requireState(ComposeState.GENERATING);
    finish(ComposeState.DONE, "Compose is generated successfully", now);
  }

  public void finishFailed(String reason, Instant now) {
    if (state != ComposeState.WAIT.code() && state != ComposeState.GENERATING.code()) {
      throw new IllegalStateException("Compose " + id + " is " + state().wireName());
    }
    finish(ComposeState.FAILED, reason, now);
  }

  /** {@code done|failed → removed}, keeping the previous reason on its own line. */
  public void markRemoved(String suffix, Instant now) {
    if (state != ComposeState.DONE.code() && state != ComposeState.FAILED.code()) {
      throw new IllegalStateException("Compose " + id + " is " + state().wireName());
    }
    this.state = ComposeState.REMOVED.code();
    this.timeRemoved = now;
    this.stateReason = stateReason == null ? suffix : stateReason + "\n" + suffix;
  }

  // The requested lifetime starts counting when generation ends (ODCS rule).
  private void finish(ComposeState to, String reason, Instant now) {
    this.progressPhase = null;
    this.progressPercent = null;
    Duration lifetime = Duration.between(timeSubmitted, timeToExpire);
    this.state = to.code();
    this.stateReason = reason;
    this.timeDone = now;
    this.timeToExpire = now.plus(lifetime);
  }

  private void requireState(ComposeState expected) {
    if (state != expected.code()) {
      throw new IllegalStateException(
          "Compose " + id + " is " + state().wireName() + ", expected " + expected.wireName());
    }
  }

  public Long getId() {
    return id;
  }

  public String getOwner() {
    return owner;
  }

  /** What the user asked this compose to be (resolved by generation, once it ran). */
  public ComposeSpec spec() {
    return spec;
  }

  public ComposeState state() {
    return ComposeState.of(state);
  }

  public String getStateReason() {
    return stateReason;
  }

  public Instant getTimeSubmitted() {
    return timeSubmitted;
  }

  public Instant getTimeStarted() {
    return timeStarted;
  }

  public Instant getTimeDone() {
    return timeDone;
  }

  public Instant getTimeRemoved() {
    return timeRemoved;
  }

  public Instant getTimeToExpire() {
    return timeToExpire;
  }

  public String getRemovedBy() {
    return removedBy;
  }

  public Long getKojiTaskId() {
    return kojiTaskId;
  }

  public String getPungiComposeId() {
    return pungiComposeId;
  }

  public String getPungiConfigDump() {
    return pungiConfigDump;
  }

  /** Phase of a generating compose, or null. */
  public String getProgressPhase() {
    return progressPhase;
  }

  public Integer getProgressPercent() {
    return progressPercent;
  }

  /** The compose this one is a regenerated copy of, or null. */
  public Long getRegeneratedFrom() {
    return regeneratedFrom;
  }

  /** The instance generating this compose (or that generated it last), or null. */
  public String getGeneratingInstance() {
    return generatingInstance;
  }

  /** How many times the compose was claimed for generation (the current attempt's number). */
  public int getGenerationAttempts() {
    return generationAttempts;
  }

  /** How many times its generation was interrupted by a crash of the generating instance. */
  public int getGenerationInterruptions() {
    return generationInterruptions;
  }

  public Long getReusedId() {
    return reusedId;
  }

  public String getSourceFingerprint() {
    return sourceFingerprint;
  }
}
