package org.odcsj.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.odcsj.it.infra.PostgresBinaries;
import org.odcsj.testsupport.ProcessRunner;
import org.odcsj.testsupport.TestRpms;

/**
 * A deterministic synthetic yum repository of {@code packages} RPMs whose sizes follow a log-normal
 * distribution with a mean of about {@code meanKiB} KiB.
 *
 * <p>Families {@code pkgN}: most are "native" ({@code pkgN}, {@code pkgN-libs} with the soname
 * {@code libpkgN.so.1()(64bit)} under {@code /usr/lib64} — i686: {@code libpkgN.so.1} under {@code
 * /usr/lib} —, {@code pkgN-devel} requiring {@code pkgN-libs = V-R}, each for x86_64 and i686, and
 * a noarch {@code pkgN-doc}); the others are noarch only ({@code pkgN}, {@code pkgN-doc}). Packages
 * require sonames, versioned names and files of earlier families; about 10 % of the families are
 * there in two versions. Payloads are random 7-bit bytes, which gzip (Eclipse Packager's payload
 * compression) cannot shrink below 7/8, so the RPMs keep the drawn sizes: repodata tools spend
 * their time checksumming real package bytes.
 *
 * <p>Built once per parameter set under {@code <benchDir>/corpus-<packages>x<meanKiB>k} (RPMs in
 * {@code Packages/}, repodata by {@code createrepo_c}); a marker file records the parameters and a
 * later run with the same ones reuses the corpus.
 */
final class BenchCorpus {
  /** Bump when the generated content changes, so that older corpora are rebuilt. */
  private static final int GENERATOR = 1;

  private static final long SEED = 20_240_101L;
  private static final String MARKER = "bench-corpus.properties";

  /** Spread of the log-normal sizes (median ≈ mean / 3), and the cap in medians. */
  private static final double SIGMA = 1.5;

  private static final double CAP = 64;

  /** Header, lead and signature bytes of an RPM beside its payload (measured, roughly). */
  private static final int RPM_OVERHEAD = 2_500;

  /** gzip's size for random 7-bit bytes, relative to the input. */
  private static final double GZIP_7BIT = 0.876;

  private static final String RELEASE = "1.bench";

  record Dep(String name, String op, String version) {}

  record Spec(
      String name,
      String version,
      String arch,
      List<Dep> requires,
      List<String> provides,
      String payloadPath,
      List<String> smallFiles,
      int payloadBytes,
      long seed) {

    String fileName() {
      return name + "-" + version + "-" + RELEASE + "." + arch + ".rpm";
    }
  }

  /** The corpus on disk: its repository, what it holds, and what an x86_64 compose selects. */
  record Corpus(Path dir, int packages, long bytes, int selectedForX8664, boolean reused) {}

  private BenchCorpus() {}

  /** The corpus for these parameters: reused when its marker matches, else (re)built. */
  static Corpus ensure(Path benchDir, int packages, int meanKiB, int threads) throws Exception {
    Path dir = benchDir.resolve("corpus-" + packages + "x" + meanKiB + "k").toAbsolutePath();
    List<Spec> specs = specs(packages, meanKiB * 1024L);
    Properties wanted = new Properties();
    wanted.setProperty("generator", Integer.toString(GENERATOR));
    wanted.setProperty("seed", Long.toString(SEED));
    wanted.setProperty("packages", Integer.toString(packages));
    wanted.setProperty("meanKiB", Integer.toString(meanKiB));
    Path marker = dir.resolve(MARKER);
    boolean reused = false;
    if (Files.exists(marker) && Files.exists(dir.resolve("repodata/repomd.xml"))) {
      Properties found = new Properties();
      try (var in = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
        found.load(in);
      }
      reused = wanted.entrySet().stream().allMatch(e -> e.getValue().equals(found.get(e.getKey())));
    }
    if (reused) {
      System.out.printf("Corpus: reusing %s%n", dir);
    } else {
      PostgresBinaries.deleteTree(dir);
      build(dir.resolve("Packages"), specs, threads);
      long t0 = System.nanoTime();
      ProcessRunner.run(List.of("createrepo_c", "--quiet", "--no-database", dir.toString()), 7200)
          .orThrow();
      System.out.printf(
          "Corpus: createrepo_c (source repodata, not timed) took %.1f s%n",
          (System.nanoTime() - t0) / 1e9);
      try (var out = Files.newBufferedWriter(marker, StandardCharsets.UTF_8)) {
        wanted.store(out, "ODCS-J compose benchmark corpus");
      }
    }
    long bytes;
    int count;
    try (Stream<Path> files = Files.list(dir.resolve("Packages"))) {
      List<Path> rpms = files.filter(p -> p.toString().endsWith(".rpm")).toList();
      count = rpms.size();
      bytes = 0;
      for (Path rpm : rpms) {
        bytes += Files.size(rpm);
      }
    }
    if (count != packages) {
      throw new IllegalStateException(dir + " holds " + count + " RPMs, expected " + packages);
    }
    Set<String> selected = new HashSet<>();
    for (Spec s : specs) {
      if (s.arch().equals("x86_64") || s.arch().equals("noarch")) {
        selected.add(s.name() + "." + s.arch());
      }
    }
    // Its real path: Files.walk does not enter a start directory that is a symbolic link (a corpus
    // shared between checkouts by a link would look empty).
    return new Corpus(dir.toRealPath(), count, bytes, selected.size(), reused);
  }

  private static void build(Path packagesDir, List<Spec> specs, int threads) throws Exception {
    Files.createDirectories(packagesDir);
    long t0 = System.nanoTime();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (Spec spec : specs) {
        done.add(pool.submit(() -> buildOne(packagesDir, spec)));
      }
      int n = 0;
      for (Future<?> f : done) {
        f.get();
        if (++n % 1000 == 0 || n == specs.size()) {
          System.out.printf(
              "Corpus: %d/%d RPMs built (%.0f s)%n",
              n, specs.size(), (System.nanoTime() - t0) / 1e9);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    System.out.printf(
        "Corpus: building %d RPMs with %d thread(s) took %.1f s%n",
        specs.size(), threads, (System.nanoTime() - t0) / 1e9);
  }

  private static void buildOne(Path dir, Spec spec) {
    byte[] payload = new byte[spec.payloadBytes()];
    new SplittableRandom(spec.seed()).nextBytes(payload);
    for (int i = 0; i < payload.length; i++) {
      payload[i] &= 0x7f;
    }
    TestRpms rpm =
        TestRpms.builder(spec.name(), spec.version(), RELEASE, spec.arch())
            .summary("Benchmark package " + spec.name())
            .file(spec.payloadPath(), new String(payload, StandardCharsets.ISO_8859_1));
    for (String f : spec.smallFiles()) {
      rpm.file(f, f + "\n");
    }
    for (String p : spec.provides()) {
      rpm.provides(p);
    }
    for (Dep d : spec.requires()) {
      if (d.op() == null) {
        rpm.requires(d.name());
      } else {
        rpm.requires(d.name(), d.op(), d.version());
      }
    }
    Path built = rpm.build(dir);
    if (!built.getFileName().toString().equals(spec.fileName())) {
      throw new IllegalStateException("unexpected file name " + built);
    }
  }

  private record Family(int n, boolean nativeArch, String version, String oldVersion) {}

  /** The RPMs to build, in an order where a dependency's provider comes first. */
  static List<Spec> specs(int packages, long meanBytes) {
    Random rnd = new Random(SEED);
    List<Spec> specs = new ArrayList<>();
    List<Family> families = new ArrayList<>();
    for (int n = 1; specs.size() < packages; n++) {
      int major = 1 + rnd.nextInt(9);
      int minor = rnd.nextInt(30);
      int patch = 1 + rnd.nextInt(10);
      Family f =
          new Family(
              n,
              rnd.nextDouble() < 0.7,
              major + "." + minor + "." + patch,
              major + "." + minor + "." + (patch - 1));
      boolean twoVersions = rnd.nextDouble() < 0.10;
      List<Dep> cross = crossDependencies(rnd, f, families);
      if (twoVersions) {
        family(specs, rnd, f, f.oldVersion(), cross);
      }
      family(specs, rnd, f, f.version(), cross);
      families.add(f);
    }
    specs.subList(packages, specs.size()).clear();
    return withSizes(specs, meanBytes, rnd);
  }

  /** Requirements of {@code pkgN} on earlier families: sonames, versioned names, files. */
  private static List<Dep> crossDependencies(Random rnd, Family f, List<Family> earlier) {
    List<Dep> deps = new ArrayList<>();
    if (earlier.isEmpty()) {
      return deps;
    }
    int count = rnd.nextInt(f.nativeArch() ? 4 : 3);
    for (int i = 0; i < count; i++) {
      Family m = earlier.get(rnd.nextInt(earlier.size()));
      if (m.nativeArch() && f.nativeArch()) {
        switch (rnd.nextInt(3)) {
          case 0 -> deps.add(new Dep("libpkg" + m.n() + ".so.1", null, null)); // arch suffix later
          case 1 -> deps.add(new Dep("pkg" + m.n() + "-libs", ">=", m.oldVersion()));
          default -> deps.add(new Dep("/usr/bin/pkg" + m.n(), null, null));
        }
      } else {
        deps.add(new Dep("pkg" + m.n(), ">=", m.oldVersion()));
      }
    }
    return deps;
  }

  private static void family(
      List<Spec> specs, Random rnd, Family f, String version, List<Dep> cross) {
    String pkg = "pkg" + f.n();
    if (!f.nativeArch()) {
      specs.add(
          spec(
              rnd,
              pkg,
              version,
              "noarch",
              cross,
              List.of(),
              "/usr/share/" + pkg + "/" + pkg + ".py",
              "/usr/share/" + pkg + "/data"));
      specs.add(
          spec(
              rnd,
              pkg + "-doc",
              version,
              "noarch",
              List.of(),
              List.of(),
              "/usr/share/doc/" + pkg + "-doc/manual.html",
              "/usr/share/doc/" + pkg + "-doc/page"));
      return;
    }
    String evr = version + "-" + RELEASE;
    for (String arch : List.of("x86_64", "i686")) {
      String lib = arch.equals("x86_64") ? "/usr/lib64" : "/usr/lib";
      String soSuffix = arch.equals("x86_64") ? "()(64bit)" : "";
      specs.add(
          spec(
              rnd,
              pkg + "-libs",
              version,
              arch,
              List.of(),
              List.of("lib" + pkg + ".so.1" + soSuffix),
              lib + "/lib" + pkg + ".so.1",
              lib + "/" + pkg + "/plugin"));
      List<Dep> requires = new ArrayList<>();
      requires.add(new Dep("lib" + pkg + ".so.1" + soSuffix, null, null));
      for (Dep d : cross) {
        requires.add(d.name().startsWith("lib") ? new Dep(d.name() + soSuffix, null, null) : d);
      }
      specs.add(
          spec(
              rnd,
              pkg,
              version,
              arch,
              requires,
              List.of(),
              "/usr/bin/" + pkg,
              "/usr/share/" + pkg + "/data-" + arch));
      specs.add(
          spec(
              rnd,
              pkg + "-devel",
              version,
              arch,
              List.of(new Dep(pkg + "-libs", "=", evr)),
              List.of(),
              lib + "/lib" + pkg + ".a",
              "/usr/include/" + pkg + "/" + arch + "/header"));
    }
    specs.add(
        spec(
            rnd,
            pkg + "-doc",
            version,
            "noarch",
            List.of(),
            List.of(),
            "/usr/share/doc/" + pkg + "-doc/manual.html",
            "/usr/share/doc/" + pkg + "-doc/page"));
  }

  private static Spec spec(
      Random rnd,
      String name,
      String version,
      String arch,
      List<Dep> requires,
      List<String> provides,
      String payloadPath,
      String smallFilePrefix) {
    List<String> small = new ArrayList<>();
    int count = rnd.nextInt(8);
    for (int i = 0; i < count; i++) {
      small.add(smallFilePrefix + i + ".txt");
    }
    return new Spec(
        name,
        version,
        arch,
        List.copyOf(requires),
        provides,
        payloadPath,
        small,
        0,
        rnd.nextLong());
  }

  /**
   * Log-normal RPM sizes (capped at {@value #CAP} medians) scaled so that their mean is {@code
   * meanBytes}, turned into the payload length that gives that RPM size.
   */
  private static List<Spec> withSizes(List<Spec> specs, long meanBytes, Random rnd) {
    double[] raw = new double[specs.size()];
    double sum = 0;
    for (int i = 0; i < raw.length; i++) {
      raw[i] = Math.min(Math.exp(SIGMA * rnd.nextGaussian()), CAP);
      sum += raw[i];
    }
    double scale = meanBytes / (sum / raw.length);
    List<Spec> sized = new ArrayList<>(specs.size());
    for (int i = 0; i < raw.length; i++) {
      Spec s = specs.get(i);
      long rpmBytes = Math.round(raw[i] * scale);
      int payload = (int) Math.max(16, (rpmBytes - RPM_OVERHEAD) / GZIP_7BIT);
      sized.add(
          new Spec(
              s.name(),
              s.version(),
              s.arch(),
              s.requires(),
              s.provides(),
              s.payloadPath(),
              s.smallFiles(),
              payload,
              s.seed()));
    }
    return sized;
  }
}
