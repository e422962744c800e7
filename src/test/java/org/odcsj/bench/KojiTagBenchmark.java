package org.odcsj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.odcsj.bench.BenchTools.awaitDone;
import static org.odcsj.bench.BenchTools.countRpms;
import static org.odcsj.bench.BenchTools.createrepoVersion;
import static org.odcsj.bench.BenchTools.dropPageCache;
import static org.odcsj.bench.BenchTools.format;
import static org.odcsj.bench.BenchTools.linkTree;
import static org.odcsj.bench.BenchTools.median;

import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.it.KojiFixture;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.infra.PostgresBinaries;
import org.odcsj.testsupport.ProcessRunner;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.koji.KojiTestTopdir;

/**
 * A {@code tag} compose of the synthetic corpus ({@link BenchCorpus}, ~5,000 RPMs) served by the
 * Koji protocol test hub from a local topdir (hard links to the corpus), against {@code
 * createrepo_c} on the same files. Not a test: it runs only under {@code ./mvnw -Pbench verify} and
 * asserts correctness, never speed.
 *
 * <p>Cold: the RPM metadata cache emptied, every header read — against {@code createrepo_c} from
 * scratch (every header read, every payload hashed); once as the first Koji compose after the
 * server started, once more with the JIT warm (after {@code bench.koji.coldWarmups}, 2, untimed
 * cold composes). Warm: the cache filled by the compose before, one new build tagged — against
 * {@code createrepo_c} from scratch and like for like against {@code createrepo_c --update} reusing
 * its own metadata of the previous round (it reads only the new file). Page caches are dropped
 * before each measurement when permitted (root).
 *
 * <p>System properties as {@link ComposeBenchmark}: {@code bench.packages}, {@code bench.meanKiB},
 * {@code bench.repeats} (warm rounds, 3), {@code bench.dir}, {@code bench.threads}, {@code
 * bench.dropCaches}.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class KojiTagBenchmark {

  @Test
  void tagComposeColdAndWarmAgainstCreaterepo() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed");
    int packages = Integer.getInteger("bench.packages", 5000);
    int meanKiB = Integer.getInteger("bench.meanKiB", 1024);
    int repeats = Integer.getInteger("bench.repeats", 3);
    int threads = Integer.getInteger("bench.threads", Runtime.getRuntime().availableProcessors());
    boolean dropCaches = Boolean.parseBoolean(System.getProperty("bench.dropCaches", "true"));
    Path benchDir =
        Files.createDirectories(
            Path.of(System.getProperty("bench.dir", "target/bench")).toAbsolutePath());
    BenchCorpus.Corpus corpus = BenchCorpus.ensure(benchDir, packages, meanKiB, threads);

    KojiFixture koji = KojiFixture.get();
    String tag = "bench-" + System.nanoTime();
    long tagId = koji.koji().createTag(tag, "x86_64");
    long t = System.nanoTime();
    int builds = importCorpus(corpus.dir(), koji, tagId);
    assertTrue(builds > 0, "no RPMs found under " + corpus.dir());
    System.out.printf(
        "%nKoji tag benchmark: %d RPMs of %d builds tagged into %s (imported in %.1f s)%n",
        corpus.packages(), builds, tag, (System.nanoTime() - t) / 1e9);

    OdcsServer.Running server = OdcsServer.get();
    OdcsApi api = new OdcsApi(server.baseUrl());
    Path cache = server.targetDir().resolve(".rpm-metadata-cache");
    String request =
        "{\"source\": {\"type\": \"tag\", \"source\": \""
            + tag
            + "\", \"sigkeys\": [\"\"]}, \"arches\": [\"x86_64\"], \"flags\": [\"no_reuse\"]}";
    boolean cachesDropped = dropCaches && dropPageCache();
    System.out.printf(
        "Page cache %s before each measurement; createrepo_c %s%n",
        cachesDropped ? "dropped" : "NOT dropped", createrepoVersion());

    Path baseline = benchDir.resolve("koji-createrepo-baseline");
    List<String> lines = new ArrayList<>();
    double scratch = 0;
    // Untimed cold composes between the first and the JIT-warm one: one compose leaves C2 still
    // compiling the reading path (16% of the server's CPU in the next one, measured with perf).
    int coldWarmups = Integer.getInteger("bench.koji.coldWarmups", 2);
    List<String> labels = new ArrayList<>();
    labels.add("cold, first Koji compose after start");
    for (int i = 1; i <= coldWarmups; i++) {
      labels.add(null);
    }
    labels.add("cold, JIT warm");
    int warmup = 0;
    for (String label : labels) {
      PostgresBinaries.deleteTree(cache);
      if (label == null) {
        Round r = compose(api, server, request, cachesDropped);
        System.out.printf("cold warm-up compose %d (untimed): %.2f s%n", ++warmup, r.seconds());
        continue;
      }
      // CPU time beside wall time: on a shared machine it says what each side cost.
      double serverCpu = ProcessCpu.of(server.process().pid());
      Round r = compose(api, server, request, cachesDropped);
      serverCpu = (ProcessCpu.of(server.process().pid()) - serverCpu) / 1000;
      PostgresBinaries.deleteTree(baseline);
      linkTree(r.packagesDir(), baseline);
      long self = ProcessHandle.current().pid();
      double createrepoCpu = ProcessCpu.ofReapedChildren(self);
      scratch = createrepo(baseline, cachesDropped, false);
      createrepoCpu = (ProcessCpu.ofReapedChildren(self) - createrepoCpu) / 1000;
      lines.add(
          String.format(
              "%-40s compose %.2f s, createrepo_c from scratch %.2f s: ratio %.3f (%d packages);"
                  + " CPU: server %.2f s, createrepo_c %.2f s (the sync before it included)",
              label,
              r.seconds(),
              scratch,
              r.seconds() / scratch,
              r.count(),
              serverCpu,
              createrepoCpu));
      System.out.println(lines.get(lines.size() - 1));
    }
    List<Double> warm = new ArrayList<>();
    List<Double> scratchWarm = new ArrayList<>();
    List<Double> update = new ArrayList<>();
    for (int round = 1; round <= repeats; round++) {
      String name = "bench-new-" + round + "-" + System.nanoTime();
      var build =
          koji.topdir()
              .importBuild(name, "1.0", "1", null, TestRpms.builder(name, "1.0", "1", "x86_64"));
      koji.koji().packageListAdd(tagId, name);
      koji.koji().tagBuild(tagId, build.id());
      Round r = compose(api, server, request, cachesDropped);
      String log = Files.readString(r.tree().resolve("compose/logs/odcs.log"));
      assertTrue(log.contains("package headers from the metadata cache, 1 read"), log);
      assertTrue(log.contains(": incremental from event"), log);
      linkTree(r.packagesDir(), baseline, true);
      double upd = createrepo(baseline, cachesDropped, true);
      Path fresh = benchDir.resolve("koji-createrepo-fresh");
      PostgresBinaries.deleteTree(fresh);
      linkTree(r.packagesDir(), fresh);
      double scr = createrepo(fresh, cachesDropped, false);
      warm.add(r.seconds());
      update.add(upd);
      scratchWarm.add(scr);
      System.out.printf(
          "warm round %d: compose %.2f s, createrepo_c from scratch %.2f s (ratio %.3f),"
              + " createrepo_c --update %.2f s (ratio %.3f)%n",
          round, r.seconds(), scr, r.seconds() / scr, upd, r.seconds() / upd);
    }
    System.out.printf(
        "%n=== ODCS-J Koji tag benchmark ===%n%s%n"
            + "warm (cache filled, one new build)       compose median %.2f s of %s%n"
            + "  createrepo_c from scratch              median %.2f s of %s: ratio %.3f%n"
            + "  createrepo_c --update (its own metadata) median %.2f s of %s: ratio %.3f%n",
        String.join("\n", lines),
        median(warm),
        format(warm),
        median(scratchWarm),
        format(scratchWarm),
        median(warm) / median(scratchWarm),
        median(update),
        format(update),
        median(warm) / median(update));
  }

  private record Round(double seconds, Path tree, Path packagesDir, int count) {}

  private static Round compose(
      OdcsApi api, OdcsServer.Running server, String request, boolean cachesDropped)
      throws Exception {
    if (cachesDropped) {
      dropPageCache();
    }
    long t0 = System.nanoTime();
    JsonObject compose = awaitDone(api, api.submit(request).getJsonNumber("id").longValue());
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals("done", compose.getString("state_name"), compose.toString());
    Path tree = server.targetDir().resolve("odcs-" + compose.getInt("id"));
    // how the tag's listing was read, and how long it took
    Files.readAllLines(tree.resolve("compose/logs/odcs.log")).stream()
        .filter(line -> line.contains("Koji listing of tag"))
        .forEach(line -> System.out.println("  " + line.strip()));
    Path packagesDir = tree.resolve("compose/Temporary/x86_64/os/Packages");
    settle(server.targetDir().resolve(".rpm-metadata-cache"));
    return new Round(seconds, tree, packagesDir, countRpms(packagesDir));
  }

  /**
   * Waits until the server has written the metadata cache entries of the compose (it does so after
   * the compose, once reading has stopped): neither the next measurement nor createrepo_c shares
   * the machine with those writes, and deleting the cache finds it still.
   */
  private static void settle(Path cache) throws Exception {
    long t0 = System.nanoTime();
    long last = -1;
    int stable = 0;
    while (stable < 5) {
      Thread.sleep(200);
      long count;
      try (var files = Files.walk(cache, 2)) {
        count = files.filter(f -> f.getFileName().toString().length() > 32).count();
      } catch (java.io.UncheckedIOException | java.nio.file.NoSuchFileException e) {
        count = -2;
      }
      stable = count == last ? stable + 1 : 0;
      last = count;
    }
    System.out.printf(
        "  metadata cache settled (%d entries) %.1f s after the compose%n",
        last, (System.nanoTime() - t0) / 1e9 - 1.0);
  }

  private static double createrepo(Path dir, boolean cachesDropped, boolean update)
      throws Exception {
    if (cachesDropped) {
      dropPageCache();
    }
    List<String> command = new ArrayList<>(List.of("createrepo_c", "--quiet", "--no-database"));
    if (update) {
      command.add("--update");
    }
    command.add(dir.toString());
    long t0 = System.nanoTime();
    ProcessRunner.run(command, 7200).orThrow();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** One Koji build per source RPM of the corpus, every build tagged; returns the builds. */
  private static int importCorpus(Path corpus, KojiFixture koji, long tagId) throws Exception {
    Map<String, List<Path>> bySource = new LinkedHashMap<>();
    // the corpus may be a symbolic link to a shared one: walk where it points
    try (Stream<Path> files = Files.walk(corpus.toRealPath())) {
      for (Path rpm : files.filter(p -> p.toString().endsWith(".rpm")).sorted().toList()) {
        String srpm = KojiTestTopdir.sourceRpmOf(rpm);
        bySource.computeIfAbsent(srpm, s -> new ArrayList<>()).add(rpm);
      }
    }
    for (var e : bySource.entrySet()) {
      String nvr = e.getKey().replaceAll("\\.(no)?src\\.rpm$", "");
      int r = nvr.lastIndexOf('-');
      int v = nvr.lastIndexOf('-', r - 1);
      String name = nvr.substring(0, v);
      var build =
          koji.topdir()
              .importFiles(name, nvr.substring(v + 1, r), nvr.substring(r + 1), null, e.getValue());
      koji.koji().packageListAdd(tagId, name);
      koji.koji().tagBuild(tagId, build.id());
    }
    return bySource.size();
  }
}
