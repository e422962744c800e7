package org.odcsj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.odcsj.bench.BenchTools.awaitDone;
import static org.odcsj.bench.BenchTools.countRpms;
import static org.odcsj.bench.BenchTools.createrepoVersion;
import static org.odcsj.bench.BenchTools.dropPageCache;
import static org.odcsj.bench.BenchTools.format;
import static org.odcsj.bench.BenchTools.linkAsInCorpus;
import static org.odcsj.bench.BenchTools.linkTree;
import static org.odcsj.bench.BenchTools.median;
import static org.odcsj.bench.BenchTools.metricsHeap;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.infra.PostgresBinaries;
import org.odcsj.testsupport.ProcessRunner;
import org.odcsj.testsupport.TestRepos;

/**
 * Compose time against {@code createrepo_c} on the same packages, and the server's heap during a
 * compose. Not a test: it runs only under {@code ./mvnw -Pbench verify} and asserts correctness
 * (the compose is done and holds every x86_64 and noarch package), never speed.
 *
 * <p>Each round: a fresh compose ({@code no_reuse}) of the whole synthetic corpus ({@link
 * BenchCorpus}) for x86_64, timed from submission until the API says {@code done} (polled every 50
 * ms); then exactly the files of its {@code x86_64/os/Packages} tree, hard-linked into an empty
 * directory, go through {@code createrepo_c --no-database} (the compose writes no sqlite databases
 * either) twice: from scratch (every header read, every payload hashed), and like for like with the
 * compose, which copies the entries of unchanged files from the source repository's metadata:
 * {@code createrepo_c --update --update-md-path <source repo>} (it reuses an entry when the file's
 * location, size and modification time match the old metadata, so the baseline directory keeps the
 * corpus's layout). The page cache is dropped before each when the process may do so (root), so all
 * read the package bytes cold. Prints per-round figures and the medians.
 *
 * <p>Before the rounds, {@code bench.warmup} composes run untimed (printed, not counted): a
 * long-running server has compiled its code paths, a fresh one spends its first composes in the
 * JIT.
 *
 * <p>System properties: {@code bench.packages} (5000), {@code bench.meanKiB} (1024), {@code
 * bench.repeats} (3), {@code bench.warmup} (5), {@code bench.dir} (target/bench), {@code
 * bench.threads} (CPUs, to build the corpus), {@code bench.dropCaches} (true); {@code
 * odcs.it.serverXmx} (512m) is the server's heap.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ComposeBenchmark {

  private static final double MIB = 1024.0 * 1024.0;

  @Test
  void composeAgainstCreaterepo() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed");
    int packages = Integer.getInteger("bench.packages", 5000);
    int meanKiB = Integer.getInteger("bench.meanKiB", 1024);
    int repeats = Integer.getInteger("bench.repeats", 3);
    int warmups = Integer.getInteger("bench.warmup", 5);
    int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
    boolean dropCaches = Boolean.parseBoolean(System.getProperty("bench.dropCaches", "true"));
    Path benchDir =
        Files.createDirectories(
            Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath());

    BenchCorpus.Corpus corpus = BenchCorpus.ensure(benchDir, packages, meanKiB, threads);
    // The server accepts sources under <itDir>/repos only, and follows no symbolic link out of
    // it: hard-link the corpus in (same files, same modification times). TestEnvironment empties
    // that directory at start, so the corpus itself lives elsewhere and is reused.
    Path repos = Files.createDirectories(TestEnvironment.current().itDir().resolve("repos"));
    Path source = repos.resolve("bench-corpus");
    PostgresBinaries.deleteTree(source);
    linkTree(corpus.dir(), source);

    OdcsServer.Running server = OdcsServer.get();
    OdcsApi api = new OdcsApi(server.baseUrl());
    String request =
        "{\"source\": {\"type\": \"repo\", \"source\": \""
            + source
            + "\"}, \"arches\": [\"x86_64\"], \"flags\": [\"no_reuse\"]}";
    boolean cachesDropped = dropCaches && dropPageCache();

    System.out.printf(
        "%nBenchmark: %d RPMs, %.2f GiB (mean %.0f KiB) in %s; x86_64 compose selects %d%n",
        corpus.packages(),
        corpus.bytes() / MIB / 1024,
        corpus.bytes() / 1024.0 / corpus.packages(),
        corpus.dir(),
        corpus.selectedForX8664());
    System.out.printf(
        "Page cache %s before each measurement; createrepo_c %s%n",
        cachesDropped ? "dropped" : "NOT dropped (both run page-cached)", createrepoVersion());

    // A long-running server has compiled its code paths; the first composes of a fresh one
    // mostly measure the JIT (C2 still takes a third of the processor after one compose).
    // Warm-up composes are printed, not counted.
    for (int w = 1; w <= warmups; w++) {
      long t0 = System.nanoTime();
      JsonObject compose = awaitDone(api, api.submit(request).getJsonNumber("id").longValue());
      assertEquals("done", compose.getString("state_name"), compose.toString());
      System.out.printf(
          "Warm-up %d (not counted): compose odcs-%d %.2f s%n",
          w, compose.getInt("id"), (System.nanoTime() - t0) / 1e9);
    }

    List<Double> composeSeconds = new ArrayList<>();
    List<Double> createrepoSeconds = new ArrayList<>();
    List<Double> updateSeconds = new ArrayList<>();
    List<ServerHeap.Window> heaps = new ArrayList<>();
    long selectedBytes = 0;
    JsonObject last = null;
    try (ServerHeap heap = ServerHeap.attach(server.process().pid())) {
      for (int round = 1; round <= repeats; round++) {
        if (cachesDropped) {
          dropPageCache();
        }
        heap.start();
        long t0 = System.nanoTime();
        long id = api.submit(request).getJsonNumber("id").longValue();
        JsonObject compose = awaitDone(api, id);
        double composeTime = (System.nanoTime() - t0) / 1e9;
        ServerHeap.Window window = heap.stop();
        assertEquals("done", compose.getString("state_name"), compose.toString());
        last = compose;

        Path packagesDir =
            server
                .targetDir()
                .resolve("odcs-" + id + "/compose/Temporary/x86_64/os/Packages")
                .toAbsolutePath();
        Path baseline = benchDir.resolve("createrepo-baseline");
        PostgresBinaries.deleteTree(baseline);
        selectedBytes = linkAsInCorpus(packagesDir, corpus.dir(), baseline);
        assertEquals(
            corpus.selectedForX8664(),
            countRpms(packagesDir),
            "every x86_64 and noarch package of the corpus, newest version only");
        if (cachesDropped) {
          dropPageCache();
        }
        long t1 = System.nanoTime();
        ProcessRunner.run(
                List.of("createrepo_c", "--quiet", "--no-database", baseline.toString()), 7200)
            .orThrow();
        double createrepoTime = (System.nanoTime() - t1) / 1e9;

        PostgresBinaries.deleteTree(baseline.resolve("repodata"));
        if (cachesDropped) {
          dropPageCache();
        }
        long t2 = System.nanoTime();
        ProcessRunner.run(
                List.of(
                    "createrepo_c",
                    "--quiet",
                    "--no-database",
                    "--update",
                    "--update-md-path",
                    corpus.dir().toString(),
                    baseline.toString()),
                7200)
            .orThrow();
        double updateTime = (System.nanoTime() - t2) / 1e9;

        composeSeconds.add(composeTime);
        createrepoSeconds.add(createrepoTime);
        updateSeconds.add(updateTime);
        heaps.add(window);
        System.out.printf(
            "Round %d: compose odcs-%d %.2f s, createrepo_c %.2f s (ratio %.3f),"
                + " createrepo_c --update %.2f s (ratio %.3f); server heap: peak used %.0f MiB, peak after GC %s (%d GCs),"
                + " used when done %.0f MiB, max %.0f MiB%n",
            round,
            id,
            composeTime,
            createrepoTime,
            composeTime / createrepoTime,
            updateTime,
            composeTime / updateTime,
            window.peakUsed() / MIB,
            window.collections() == 0 ? "-" : String.format("%.0f MiB", window.peakAfterGc() / MIB),
            window.collections(),
            window.usedAtEnd() / MIB,
            window.maxHeap() / MIB);
      }
    }

    double compose = median(composeSeconds);
    double createrepo = median(createrepoSeconds);
    double update = median(updateSeconds);
    System.out.printf(
        "%n=== ODCS-J compose benchmark ===%n"
            + "packages in corpus      %d (%.2f GiB, mean %.0f KiB per RPM)%n"
            + "packages composed       %d x86_64+noarch (%.2f GiB)%n"
            + "compose (submit→done)   median %.2f s of %s%n"
            + "createrepo_c (cold)     median %.2f s of %s (from scratch)%n"
            + "createrepo_c --update   median %.2f s of %s (reusing the source repo's metadata,"
            + " like the compose)%n"
            + "ratio compose/createrepo %.3f from scratch, %.3f like for like%n"
            + "server heap peak used   %.0f MiB (sampled every 200 ms and at each GC),"
            + " peak after GC %.0f MiB, -Xmx %.0f MiB%n"
            + "server /metrics heap    %s%n",
        corpus.packages(),
        corpus.bytes() / MIB / 1024,
        corpus.bytes() / 1024.0 / corpus.packages(),
        corpus.selectedForX8664(),
        selectedBytes / MIB / 1024,
        compose,
        format(composeSeconds),
        createrepo,
        format(createrepoSeconds),
        update,
        format(updateSeconds),
        compose / createrepo,
        compose / update,
        heaps.stream().mapToLong(ServerHeap.Window::peakUsed).max().orElse(0) / MIB,
        heaps.stream().mapToLong(ServerHeap.Window::peakAfterGc).max().orElse(0) / MIB,
        heaps.get(0).maxHeap() / MIB,
        metricsHeap(api));
    if (last != null) {
      Path log = server.targetDir().resolve("odcs-" + last.getInt("id") + "/compose/logs/odcs.log");
      if (Files.exists(log)) {
        System.out.println("--- odcs.log of the last compose ---");
        System.out.println(Files.readString(log, StandardCharsets.UTF_8).strip());
      }
    }
  }
}
