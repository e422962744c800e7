package org.odcsj.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeLifecycle;
import org.odcsj.compose.ComposeLifecycle.Outcome;
import org.odcsj.compose.ComposeQueries;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.ComposeState;
import org.odcsj.compose.GenerationJob;
import org.odcsj.config.OdcsConfig;
import org.odcsj.instance.InstanceIdentity;
import org.odcsj.metrics.GenerationTimings;
import org.odcsj.outage.OutageRetry;
import org.odcsj.output.ComposeTree;
import org.odcsj.source.ComposeSource;
import org.odcsj.source.ComposeSources;
import org.odcsj.source.PackageSource;
import org.odcsj.source.Resolution;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.TreeDestination;
import org.odcsj.source.TreeSource;
import org.odcsj.source.WrittenTree;

/**
 * Generates one compose: claim it ({@code wait → generating}), build the tree aside, publish it by
 * rename, then record {@code done} — or {@code failed} with a reason the user can act on. Each of
 * those short transactions is retried while the database or broker is unavailable ({@link
 * OutageRetry}), so an outage neither drops a delivered request nor strands a compose in {@code
 * generating}; progress reports are only a display and are skipped during one.
 */
@ApplicationScoped
public class ComposeGenerator {

  /**
   * The fingerprints of older reuse candidates that differ from this compose's but that the source
   * says hold the same content (a tag unchanged since the older compose's event).
   */
  private List<String> sameContent(
      long composeId, Resolution resolution, String fingerprint, GenerationLog log)
      throws SourceFailure {
    if (resolution.olderContent() == Resolution.ONLY_EQUAL_FINGERPRINTS) {
      return List.of();
    }
    List<String> same = new java.util.ArrayList<>();
    for (String older :
        retry.call(
            "looking for composes to reuse for " + composeId,
            () -> lifecycle.reuseCandidateFingerprints(composeId, resolution.spec()))) {
      if (!older.equals(fingerprint) && resolution.olderContent().sameAs(older)) {
        log.info("An older compose at " + older + " holds the same content");
        same.add(older);
      }
    }
    return same;
  }

  private static final Logger LOG = Logger.getLogger(ComposeGenerator.class.getName());

  @Inject ComposeLifecycle lifecycle;
  @Inject OdcsConfig config;
  @Inject PackageComposeBuilder packageBuilder;
  @Inject ComposeSources sources;
  @Inject GenerationTimings timings;
  @Inject InstanceIdentity identity;
  @Inject OutageRetry retry;
  @Inject ComposeQueries queries;

  public void generate(long composeId) {
    Optional<GenerationJob> claimed =
        retry.call(
            "claiming compose " + composeId,
            () -> lifecycle.claim(composeId, identity.name(), identity.bootId()));
    if (claimed.isEmpty()) {
      LOG.info(() -> "Compose " + composeId + " is not waiting any more; message ignored");
      return;
    }
    GenerationJob job = claimed.get();
    ComposeTree tree =
        new ComposeTree(config.targetDirFor(job.spec().targetDir()), composeId, job.attempt());
    Instant start = Instant.now();
    try (GenerationLog log =
        new GenerationLog(
            tree.log(), (phase, percent) -> reportProgress(composeId, phase, percent))) {
      log.info("Generating compose " + composeId + " (" + job.sourceType().wireName() + ")");
      try {
        ComposeSource source = sources.of(job.sourceType()).orElseThrow(() -> notSupported(job));
        Resolution resolution = source.resolve(job.spec(), log);
        // no_reuse, regeneration: neither the source's fingerprint nor a lookup
        if (!job.pinned() && !job.hasFlag(ComposeFlag.NO_REUSE)) {
          String fingerprint = resolution.fingerprint().compute();
          List<String> sameContent =
              fingerprint.isEmpty()
                  ? List.of()
                  : sameContent(composeId, resolution, fingerprint, log);
          Optional<ComposeLifecycle.Reused> reused =
              fingerprint.isEmpty()
                  ? Optional.empty()
                  : retry.call(
                      "looking for a compose to reuse for " + composeId,
                      () ->
                          lifecycle.reuseIfPossible(
                              composeId, resolution.spec(), fingerprint, sameContent));
          if (reused.isPresent() && reused.get().stillGenerating()) {
            // Nothing waits here: the other compose's end settles this one in its transaction.
            log.info(
                "Reusing compose "
                    + reused.get().id()
                    + ", still generating with the same inputs and source metadata:"
                    + " this compose ends as that one ends");
            return;
          }
          if (reused.isPresent()) {
            log.info(
                "Reusing compose " + reused.get().id() + ": same inputs, same source metadata");
            timings.record(true, Duration.between(start, Instant.now()));
            return;
          }
        }
        BuiltCompose built;
        if (source instanceof PackageSource packages) {
          built =
              packageBuilder.build(
                  job, packages, resolution.spec(), tree, config.targetDirUrl(), log);
        } else if (source instanceof TreeSource writer) {
          built = writeTree(job, writer, resolution.spec(), tree, log);
        } else {
          throw notSupported(job);
        }
        if (!retry.call(
            "checking the claim of compose " + composeId,
            () -> lifecycle.holdsClaim(composeId, job.attempt()))) {
          // Taken for dead (or cancelled) while building: never publish over the new attempt.
          tree.discardStaging();
          log.info("Compose " + composeId + " is no longer ours to publish; output discarded");
          LOG.warning(
              () ->
                  "Compose "
                      + composeId
                      + " is no longer ours to publish (attempt "
                      + job.attempt()
                      + "): output discarded");
          return;
        }
        log.phase("publishing", 95);
        tree.publish();
        log.info("Compose " + composeId + " published with " + built.packageCount() + " packages");
        finish(job, tree, built, start);
      } catch (GenerationException | SourceFailure e) {
        log.info("FAILED: " + e.getMessage());
        fail(tree, job, e.getMessage(), null);
        timings.record(false, Duration.between(start, Instant.now()));
      }
    } catch (Exception e) {
      fail(tree, job, e.toString(), e);
      timings.record(false, Duration.between(start, Instant.now()));
    }
  }

  /** A source that writes its own tree: it gets the staging directory, the rest is as for all. */
  private BuiltCompose writeTree(
      GenerationJob job,
      TreeSource writer,
      ComposeSpec resolved,
      ComposeTree tree,
      GenerationLog log)
      throws SourceFailure, java.io.IOException {
    tree.prepareStaging();
    log.phase("writing the compose", 10);
    WrittenTree written =
        writer.write(
            resolved,
            new TreeDestination(
                job.composeId(),
                tree.name(),
                tree.staging(),
                tree.stagingRepoFile(),
                config.targetDirFor(job.spec().targetDir()),
                config.targetDirUrl() + tree.name(),
                job.pungiConfigDump()),
            log);
    // Never reused, never a reuse target: no fingerprint, no package list.
    return new BuiltCompose(
        written.resolvedSpec(),
        "",
        written.packageCount(),
        List.of(),
        written.pungiComposeId(),
        written.pungiConfigDump());
  }

  private static GenerationException notSupported(GenerationJob job) {
    return new GenerationException(
        "source type " + job.sourceType().wireName() + " is not supported yet");
  }

  private void reportProgress(long composeId, String phase, int percent) {
    try {
      lifecycle.reportProgress(composeId, phase, percent);
    } catch (RuntimeException e) {
      LOG.fine(() -> "Progress of compose " + composeId + " not recorded: " + e);
    }
  }

  private void finish(GenerationJob job, ComposeTree tree, BuiltCompose built, Instant start) {
    long composeId = job.composeId();
    Outcome outcome =
        retry.call(
            "recording compose " + composeId + " as done",
            () ->
                lifecycle.markDone(
                    composeId,
                    job.attempt(),
                    built.resolvedSpec(),
                    built.sourceFingerprint(),
                    built.archNevras(),
                    built.pungiComposeId(),
                    built.pungiConfigDump()));
    // A retry after a commit whose answer was lost finds the compose done already: keep its files.
    if (outcome == Outcome.RECORDED || (outcome == Outcome.ENDED_MEANWHILE && isDone(composeId))) {
      timings.record(true, Duration.between(start, Instant.now()));
      LOG.info(
          () ->
              "Compose "
                  + composeId
                  + " done in "
                  + Duration.between(start, Instant.now()).toMillis()
                  + " ms");
    } else if (outcome == Outcome.SUPERSEDED) {
      // The attempt that replaced this one publishes the same inputs: its tree stays.
      LOG.warning(
          () ->
              "Compose "
                  + composeId
                  + " was generated again meanwhile (attempt "
                  + job.attempt()
                  + " taken for dead); this result not recorded");
    } else {
      // Cancelled while we generated: its files must not stay published.
      tree.delete();
      LOG.info(() -> "Compose " + composeId + " left generating meanwhile; output discarded");
    }
  }

  private void fail(ComposeTree tree, GenerationJob job, String what, Exception cause) {
    tree.discardStaging();
    String reason = "Error while generating compose: " + what;
    Outcome outcome =
        retry.call(
            "recording compose " + job.composeId() + " as failed",
            () -> lifecycle.markFailed(job.composeId(), job.attempt(), reason));
    if (outcome == Outcome.SUPERSEDED) {
      LOG.log(
          Level.WARNING,
          "Compose "
              + job.composeId()
              + " attempt "
              + job.attempt()
              + " failed after it was taken for dead; not recorded: "
              + what,
          cause);
      return;
    }
    LOG.log(Level.WARNING, "Compose " + job.composeId() + " failed: " + what, cause);
  }

  private boolean isDone(long composeId) {
    return queries.find(composeId).map(c -> c.state() == ComposeState.DONE).orElse(false);
  }
}
