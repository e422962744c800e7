package org.odcsj.bench;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.odcsj.it.OdcsApi;
import org.odcsj.testsupport.ProcessRunner;

/** What the benchmarks share: waiting for a compose, hard-linking trees, baselines, medians. */
final class BenchTools {

  /**
   * Fine enough for sub-second composes: a 50 ms poll added 25 ms on average to a 0.65 s warm
   * compose (4 %); a GET every 10 ms costs the server little.
   */
  static final long POLL_MS = 10;

  private BenchTools() {}

  /** Polls the compose every {@value #POLL_MS} ms until it is done or failed. */
  static JsonObject awaitDone(OdcsApi api, long id) throws InterruptedException {
    JsonObject compose = api.compose(id);
    while (!List.of("done", "failed").contains(compose.getString("state_name"))) {
      Thread.sleep(POLL_MS);
      compose = api.compose(id);
    }
    return compose;
  }

  /** Hard-links every RPM under {@code from} into {@code to} (same layout); returns the bytes. */
  static long linkTree(Path from, Path to) throws IOException {
    return linkTree(from, to, false);
  }

  /** As {@link #linkTree(Path, Path)}; with {@code skipExisting}, files already there stay. */
  static long linkTree(Path from, Path to, boolean skipExisting) throws IOException {
    long bytes = 0;
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (skipExisting && Files.exists(target)) {
          continue;
        }
        Files.createDirectories(target.getParent());
        Files.createLink(target, f.toRealPath());
        bytes += Files.size(f);
      }
    }
    return bytes;
  }

  /**
   * Hard-links every RPM under {@code from} into {@code to} at the relative path the same file has
   * in {@code corpus}: {@code createrepo_c --update-md-path} finds an old entry by its location, so
   * the baseline must keep the source repository's layout to reuse its metadata.
   */
  static long linkAsInCorpus(Path from, Path corpus, Path to) throws IOException {
    java.util.Map<String, Path> inCorpus = new java.util.HashMap<>();
    try (Stream<Path> files = Files.walk(corpus)) {
      files
          .filter(p -> p.toString().endsWith(".rpm"))
          .forEach(p -> inCorpus.put(p.getFileName().toString(), corpus.relativize(p)));
    }
    long bytes = 0;
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".rpm")).toList()) {
        Path relative = inCorpus.get(f.getFileName().toString());
        if (relative == null) {
          throw new IllegalStateException(f + " is not in the corpus " + corpus);
        }
        Path target = to.resolve(relative.toString());
        Files.createDirectories(target.getParent());
        Files.createLink(target, f.toRealPath());
        bytes += Files.size(f);
      }
    }
    return bytes;
  }

  static int countRpms(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return (int) files.filter(p -> p.toString().endsWith(".rpm")).count();
    }
  }

  /** {@code sync; echo 3 > /proc/sys/vm/drop_caches}; false when not permitted. */
  static boolean dropPageCache() {
    try {
      ProcessRunner.run(List.of("sync"), 600).orThrow();
      Files.writeString(Path.of("/proc/sys/vm/drop_caches"), "3\n");
      return true;
    } catch (IOException | AssertionError e) {
      return false;
    }
  }

  static String createrepoVersion() {
    var r = ProcessRunner.run(List.of("createrepo_c", "--version"));
    return r.ok() ? r.output().strip() : "(version unknown)";
  }

  /** The used-heap lines of the server's MicroProfile Metrics, as a cross-check. */
  static String metricsHeap(OdcsApi api) {
    try {
      OdcsApi.Reply reply = api.get("/metrics");
      if (reply.status() != 200) {
        return "GET /metrics: " + reply.status();
      }
      List<String> lines =
          reply
              .body()
              .lines()
              .filter(
                  l -> !l.startsWith("#") && (l.contains("usedHeap") || l.contains("heap_used")))
              .toList();
      return lines.isEmpty() ? "(no used-heap metric)" : String.join("; ", lines);
    } catch (AssertionError e) {
      return "GET /metrics failed: " + e.getMessage();
    }
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  static String format(List<Double> values) {
    return Arrays.toString(values.stream().map(v -> String.format("%.2f", v)).toArray());
  }
}
