package org.odcsj.generation;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiConsumer;
import org.odcsj.source.SourceLog;

/**
 * The human-readable log of one generation — what was read, selected, skipped and why, and how long
 * each phase took — flushed line by line so it can be followed while the compose generates. Phases
 * are also reported as the compose's progress. Never write credentials here.
 */
public final class GenerationLog implements Closeable, SourceLog {

  private final BufferedWriter out;

  /** How often {@link #abandoned()} asks the database again. */
  private static final long CLAIM_CHECK_NANOS = 2_000_000_000L;

  private final BiConsumer<String, Integer> progress;
  private final java.util.function.BooleanSupplier stillOwned;
  private String phase;
  private Instant phaseStart;
  private long nextClaimCheck = System.nanoTime();
  private boolean abandoned;

  GenerationLog(Path file, BiConsumer<String, Integer> progress) throws IOException {
    this(file, progress, () -> true);
  }

  /** {@code stillOwned}: whether this generation still holds the compose's claim. */
  GenerationLog(
      Path file,
      BiConsumer<String, Integer> progress,
      java.util.function.BooleanSupplier stillOwned)
      throws IOException {
    Files.createDirectories(file.getParent());
    this.out =
        Files.newBufferedWriter(
            file,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE);
    this.progress = progress;
    this.stillOwned = stillOwned;
  }

  @Override
  public synchronized boolean abandoned() {
    if (!abandoned && System.nanoTime() - nextClaimCheck >= 0) {
      try {
        abandoned = !stillOwned.getAsBoolean();
      } catch (RuntimeException e) {
        // the database is away: go on, the claim is checked again before publishing
      }
      nextClaimCheck = System.nanoTime() + CLAIM_CHECK_NANOS;
    }
    return abandoned;
  }

  /** Starts a phase: ends the previous one with its duration, reports the progress. */
  public void phase(String name, int percent) {
    endPhase();
    phase = name;
    phaseStart = Instant.now();
    info("[" + percent + "%] " + name);
    progress.accept(name, percent);
  }

  public void info(String message) {
    try {
      out.write(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " " + message + "\n");
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the generation log", e);
    }
  }

  private void endPhase() {
    if (phase != null) {
      info(phase + " took " + Duration.between(phaseStart, Instant.now()).toMillis() + " ms");
      phase = null;
    }
  }

  @Override
  public void close() throws IOException {
    endPhase();
    out.close();
  }
}
