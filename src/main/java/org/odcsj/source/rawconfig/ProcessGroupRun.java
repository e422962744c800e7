package org.odcsj.source.rawconfig;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.odcsj.source.SourceFailure;

/**
 * Runs one external command (Pungi, its validator) in a process group of its own ({@code setsid}),
 * stdout and stderr into files, and kills the whole group — the command and everything it started —
 * when it outlives its timeout, when the waiting thread is interrupted, and when it ends (so no
 * helper it left behind keeps running). Failures carry ODCS's texts.
 */
final class ProcessGroupRun {

  private static final Logger LOG = Logger.getLogger(ProcessGroupRun.class.getName());

  private ProcessGroupRun() {}

  /** Runs {@code argv} in {@code cwd}; returns normally only when it exits 0. */
  static void run(List<String> argv, Path cwd, Path stdout, Path stderr, long timeoutSeconds)
      throws SourceFailure {
    List<String> command = new ArrayList<>();
    command.add("setsid");
    command.addAll(argv);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    // The server's own settings (database and broker passwords among them) are not Pungi's.
    builder.environment().keySet().removeIf(name -> name.startsWith("ODCS_"));
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new SourceFailure("Cannot run " + argv.get(0) + ": " + e.getMessage(), e);
    }
    // setsid makes the command (same pid) the leader of a new process group: group id = pid.
    long group = process.pid();
    try {
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        killGroup(group, process);
        throw new SourceFailure(
            "Compose has taken more time than allowed by configuration ("
                + timeoutSeconds
                + " seconds)");
      }
    } catch (InterruptedException e) {
      killGroup(group, process);
      Thread.currentThread().interrupt();
      throw new SourceFailure("Interrupted while running " + argv.get(0), e);
    }
    killGroup(group, process);
    if (process.exitValue() != 0) {
      throw new SourceFailure(
          "Command '"
              + pythonList(argv)
              + "' returned non-zero value "
              + process.exitValue()
              + ", stdout log: "
              + stdout
              + ", stderr log: "
              + stderr);
    }
  }

  /** SIGKILL to every process of the group, then to any descendant that left it. */
  static void killGroup(long group, Process process) {
    List<ProcessHandle> descendants = process.descendants().toList();
    try {
      Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + group).start();
      kill.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
      kill.waitFor(10, TimeUnit.SECONDS);
    } catch (IOException e) {
      LOG.warning(() -> "Cannot kill process group " + group + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    process.destroyForcibly();
    descendants.forEach(ProcessHandle::destroyForcibly);
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The argument list as Python prints it, as ODCS's message shows the command. */
  static String pythonList(List<String> argv) {
    return argv.stream()
        .map(a -> "'" + a.replace("\\", "\\\\").replace("'", "\\'") + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
