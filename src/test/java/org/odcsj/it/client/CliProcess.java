package org.odcsj.it.client;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * The built {@code target/odcs-cli.jar} run as a user runs it ({@code java -jar … --server URL}),
 * its stdout and stderr in files; in a pseudo-terminal through util-linux {@code script} when
 * asked.
 */
final class CliProcess {

  record Result(int exit, String out, String err) {}

  private final Process process;
  private final Path out;
  private final Path err;

  private CliProcess(Process process, Path out, Path err) {
    this.process = process;
    this.out = out;
    this.err = err;
  }

  static Path jar() {
    return Path.of(System.getProperty("odcs.it.war")).resolveSibling("odcs-cli.jar");
  }

  private static List<String> command(List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(jar().toString());
    command.add("--server");
    command.add(OdcsServer.get().baseUrl());
    command.addAll(args);
    return command;
  }

  /** Starts {@code odcs args…} with stdout and stderr going to files (not a terminal). */
  static CliProcess start(String... args) throws IOException {
    return start(command(List.of(args)));
  }

  /** Starts {@code odcs args…} in a pseudo-terminal: {@code script -qec "odcs …" /dev/null}. */
  static CliProcess startInTerminal(String... args) throws IOException {
    String line =
        command(List.of(args)).stream().map(CliProcess::quote).collect(Collectors.joining(" "));
    return start(List.of("script", "-qec", line, "/dev/null"));
  }

  private static String quote(String arg) {
    return "'" + arg.replace("'", "'\\''") + "'";
  }

  private static CliProcess start(List<String> command) throws IOException {
    Path dir = Files.createDirectories(TestEnvironment.current().itDir().resolve("cli"));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    ProcessBuilder pb =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("COLUMNS", "160");
    pb.environment().remove("ODCS_PROGRESS");
    return new CliProcess(pb.start(), out, err);
  }

  static Result run(String... args) throws Exception {
    return start(args).await(Duration.ofMinutes(2));
  }

  String err() throws IOException {
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  String out() throws IOException {
    return Files.readString(out, StandardCharsets.UTF_8);
  }

  /** Waits until stderr (or, in a terminal, the output) holds {@code text}. */
  void awaitOutput(String text, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (!(err().contains(text) || out().contains(text))) {
      if (Instant.now().isAfter(deadline) || !process.isAlive()) {
        throw new AssertionError(
            "no \"" + text + "\" from the CLI; stdout:\n" + out() + "\nstderr:\n" + err());
      }
      Thread.sleep(100);
    }
  }

  Result await(Duration timeout) throws Exception {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      throw new AssertionError("the CLI did not end; stdout:\n" + out() + "\nstderr:\n" + err());
    }
    return new Result(process.exitValue(), out(), err());
  }

  void kill() {
    process.destroyForcibly();
  }
}
