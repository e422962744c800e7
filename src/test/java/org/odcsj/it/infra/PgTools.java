package org.odcsj.it.infra;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the PostgreSQL programs ({@code initdb}, {@code postgres}, {@code pg_ctl}) of one data dir:
 * as {@link RunAs the right account}, from the data dir's parent, all output appended to one log.
 */
record PgTools(Path bin, Path dataDir, Path log, RunAs account) {

  /** {@code bin/<tool> -D <dataDir> <options split at spaces>}, not started yet. */
  ProcessBuilder process(String tool, String options) {
    List<String> cmd =
        new ArrayList<>(List.of(bin.resolve(tool).toString(), "-D", dataDir.toString()));
    if (!options.isEmpty()) {
      cmd.addAll(List.of(options.split(" ")));
    }
    return new ProcessBuilder(account.command(cmd.toArray()))
        .directory(dataDir.getParent().toFile())
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(log.toFile()));
  }

  /** Runs the tool to completion; returns its exit code. */
  int run(int timeoutSeconds, String tool, String options)
      throws IOException, InterruptedException {
    Process p = process(tool, options).start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          tool + " did not finish within " + timeoutSeconds + " s\n" + logTail());
    }
    return p.exitValue();
  }

  /** The last 40 lines of the log, for exception messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return "--- tail of "
          + log
          + " ---\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log " + log + ": " + e + ")";
    }
  }
}
