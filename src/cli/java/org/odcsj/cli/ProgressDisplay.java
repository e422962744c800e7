package org.odcsj.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import org.odcsj.client.Compose;
import org.odcsj.client.WaitListener;

/**
 * Shows a wait on stderr: on a terminal one bar redrawn in place (state, percent, phase, elapsed,
 * the latest log line); otherwise a plain line per change. With --watch the log lines are printed
 * as they come (above the bar on a terminal).
 */
abstract class ProgressDisplay implements WaitListener, AutoCloseable {

  protected final PrintWriter err;
  protected final boolean watch;
  protected final Instant started = Instant.now();

  ProgressDisplay(PrintWriter err, boolean watch) {
    this.err = err;
    this.watch = watch;
  }

  /**
   * The display for this process: a bar when stdout is a terminal ({@code System.console()}), plain
   * lines otherwise; {@code ODCS_PROGRESS=bar|plain} overrides the guess.
   */
  static ProgressDisplay create(PrintWriter err, boolean show, boolean watch) {
    String forced = System.getenv("ODCS_PROGRESS");
    boolean terminal = forced != null ? forced.equals("bar") : System.console() != null;
    if (!show) {
      return new Plain(err, watch, true);
    }
    return terminal ? new Bar(err, watch, width()) : new Plain(err, watch, false);
  }

  private static int width() {
    try {
      int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "100"));
      return Math.max(40, Math.min(columns, 400));
    } catch (NumberFormatException e) {
      return 100;
    }
  }

  String elapsed() {
    long s = Duration.between(started, Instant.now()).toSeconds();
    return String.format("%02d:%02d", s / 60, s % 60);
  }

  static int percent(Compose c) {
    return switch (c.state()) {
      case DONE -> 100;
      case GENERATING -> c.progress() == null ? 0 : c.progress().percent();
      default -> 0;
    };
  }

  static String phase(Compose c) {
    return c.progress() == null || c.state().isFinal() ? "" : c.progress().phase();
  }

  @Override
  public void close() {
    err.flush();
  }

  /** Plain lines: one per state or progress change, for logs and pipes. */
  static final class Plain extends ProgressDisplay {
    private final boolean silent;
    private String last = "";

    Plain(PrintWriter err, boolean watch, boolean silent) {
      super(err, watch);
      this.silent = silent;
    }

    @Override
    public void polled(Compose c) {
      if (silent) {
        return;
      }
      String now =
          c.state().wireName()
              + (c.state().isFinal() || c.progress() == null
                  ? ""
                  : " " + percent(c) + "% " + phase(c));
      if (!now.equals(last)) {
        last = now;
        err.println("compose " + c.id() + ": " + now + " (" + elapsed() + ")");
        err.flush();
      }
    }

    @Override
    public void logLine(String line) {
      err.println(line);
      err.flush();
    }

    @Override
    public boolean followsLog() {
      return watch;
    }
  }

  /** The terminal bar: carriage return and erase-line, so it redraws in place. */
  static final class Bar extends ProgressDisplay {
    private static final int BAR = 24;
    private final int width;
    private Compose current;
    private String latestLine = "";
    private boolean drawn;

    Bar(PrintWriter err, boolean watch, int width) {
      super(err, watch);
      this.width = width;
    }

    @Override
    public void polled(Compose c) {
      current = c;
      draw();
    }

    @Override
    public void logLine(String line) {
      latestLine = line.strip();
      if (watch) {
        err.print("\r\033[K" + line + "\n");
      }
      draw();
    }

    @Override
    public boolean followsLog() {
      return true;
    }

    private void draw() {
      if (current == null) {
        return;
      }
      int percent = percent(current);
      int full = percent * BAR / 100;
      String line =
          String.format(
              "odcs-%d %-10s [%s%s] %3d%% %s %s",
              current.id(),
              current.state().wireName(),
              "#".repeat(full),
              "-".repeat(BAR - full),
              percent,
              elapsed(),
              phase(current));
      if (!latestLine.isEmpty() && !watch) {
        line += " | " + latestLine;
      }
      if (line.length() > width - 1) {
        line = line.substring(0, width - 2) + "…";
      }
      err.print("\r\033[K" + line);
      err.flush();
      drawn = true;
    }

    @Override
    public void close() {
      if (drawn) {
        err.print("\n");
      }
      err.flush();
    }
  }
}
