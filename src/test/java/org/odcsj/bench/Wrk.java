package org.odcsj.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.odcsj.testsupport.ProcessRunner;

/** Runs the {@code wrk} HTTP load generator and reads the figures off its report. */
final class Wrk {

  /** One wrk run: requests completed, non-2xx/3xx answers, socket errors, throughput, latency. */
  record Result(
      long requests, long non2xx, long errors, double perSecond, double p50Ms, double p99Ms) {

    long accepted() {
      return requests - non2xx;
    }

    String line() {
      return String.format(
          "%9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  (%d requests, %d non-2xx, %d socket errors)",
          perSecond, p50Ms, p99Ms, requests, non2xx, errors);
    }
  }

  private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");
  private static final Pattern PER_SECOND = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
  private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses: (\\d+)");
  private static final Pattern ERRORS =
      Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s*(50|99)(?:\\.000)?%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

  private final int threads;
  private final int connections;

  Wrk(int threads, int connections) {
    this.threads = threads;
    this.connections = connections;
  }

  static boolean available() {
    return ProcessRunner.onPath("wrk");
  }

  /** {@code seconds} of load on {@code url}, requests shaped by the Lua {@code script} if any. */
  Result run(String url, int seconds, String script, Path workDir) throws Exception {
    List<String> command = new ArrayList<>();
    command.addAll(
        List.of(
            "wrk",
            "-t" + threads,
            "-c" + connections,
            "-d" + seconds + "s",
            "--timeout",
            "10s",
            "--latency"));
    if (script != null) {
      Path lua = Files.createTempFile(workDir, "wrk", ".lua");
      Files.writeString(lua, script);
      command.addAll(List.of("-s", lua.toString()));
    }
    command.add(url);
    String out = ProcessRunner.run(command, seconds + 60L).orThrow().output();
    return parse(out);
  }

  static Result parse(String out) {
    double p50 = Double.NaN;
    double p99 = Double.NaN;
    Matcher m = PERCENTILE.matcher(out);
    while (m.find()) {
      double ms = toMillis(Double.parseDouble(m.group(2)), m.group(3));
      if (m.group(1).equals("50")) {
        p50 = ms;
      } else {
        p99 = ms;
      }
    }
    long errors = 0;
    Matcher e = ERRORS.matcher(out);
    if (e.find()) {
      for (int i = 1; i <= 4; i++) {
        errors += Long.parseLong(e.group(i));
      }
    }
    return new Result(
        find(REQUESTS, out).map(Long::parseLong).orElseThrow(() -> unreadable(out)),
        find(NON_2XX, out).map(Long::parseLong).orElse(0L),
        errors,
        find(PER_SECOND, out).map(Double::parseDouble).orElseThrow(() -> unreadable(out)),
        p50,
        p99);
  }

  private static java.util.Optional<String> find(Pattern p, String out) {
    Matcher m = p.matcher(out);
    return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
  }

  private static IllegalStateException unreadable(String out) {
    return new IllegalStateException("Unexpected wrk output:\n" + out);
  }

  private static double toMillis(double value, String unit) {
    return switch (unit) {
      case "us" -> value / 1000;
      case "s" -> value * 1000;
      default -> value;
    };
  }
}
