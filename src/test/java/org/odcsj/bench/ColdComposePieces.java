package org.odcsj.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.odcsj.output.RepositoryWriter;
import org.odcsj.output.SourceEntry;
import org.odcsj.rpm.RpmHeaderReader;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.rpm.cache.RpmMetadataCache;

/**
 * The pieces of a cold {@code tag} compose timed one by one on a corpus (not a test; run by hand
 * with the test classpath): hashing alone, reading headers and hashing as the Koji source does, and
 * writing a repository of what was read, each with a few thread counts and twice (the JIT cold,
 * then warm). Arguments: the corpus directory, the arches taken (default x86_64,noarch), the thread
 * counts (default 1,2,4), a scratch directory.
 */
public final class ColdComposePieces {

  private ColdComposePieces() {}

  public static void main(String[] args) throws Exception {
    Path corpus = Path.of(args[0]);
    List<String> arches = List.of((args.length > 1 ? args[1] : "x86_64,noarch").split(","));
    int[] threads =
        Stream.of((args.length > 2 ? args[2] : "1,2,4").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Path scratch = Path.of(args.length > 3 ? args[3] : "target/bench/pieces");
    cold = args.length > 4 && args[4].equals("cold");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(corpus)) {
      files =
          walk.filter(p -> arches.stream().anyMatch(a -> p.toString().endsWith("." + a + ".rpm")))
              .sorted()
              .toList();
    }
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    System.out.printf("%d RPMs, %.2f GiB%n", files.size(), bytes / (double) (1L << 30));
    for (int round = 1; round <= 2; round++) {
      for (int n : threads) {
        time(
            "round " + round + " sha256 only, " + n + " threads",
            n,
            files,
            ColdComposePieces::hash);
      }
      List<RpmPackage> read = null;
      for (int n : threads) {
        read =
            time(
                "round " + round + " headers+sha256, " + n + " threads",
                n,
                files,
                RpmHeaderReader::read);
      }
      Path cacheDir = scratch.resolve("cache" + round);
      deleteTree(cacheDir);
      RpmMetadataCache cache = new RpmMetadataCache(cacheDir, java.time.Clock.systemUTC());
      java.util.concurrent.atomic.AtomicLong key = new java.util.concurrent.atomic.AtomicLong();
      for (int n : threads) {
        time(
            "round " + round + " headers+sha256+cache, " + n + " threads",
            n,
            files,
            f -> {
              RpmPackage p = RpmHeaderReader.read(f);
              cache.put(String.format("%032x", key.incrementAndGet()), "", p);
              return p;
            });
      }
      Path osDir = scratch.resolve("round" + round);
      deleteTree(osDir);
      List<SourceEntry> entries = read.stream().map(SourceEntry::known).toList();
      long t0 = System.nanoTime();
      try (RepositoryWriter writer = new RepositoryWriter(osDir)) {
        writer.addPackages(files, entries);
        long t1 = System.nanoTime();
        writer.finish();
        System.out.printf(
            "round %d repository: placed+rendered %.2f s, finish %.2f s%n",
            round, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
      }
    }
  }

  @FunctionalInterface
  interface PerFile<T> {
    T apply(Path file) throws IOException;
  }

  /** Whether the page cache is dropped before each timing (root only), as the benchmarks do. */
  private static boolean cold;

  private static <T> List<T> time(String label, int threads, List<Path> files, PerFile<T> work)
      throws Exception {
    if (cold && !BenchTools.dropPageCache()) {
      throw new IllegalStateException("cannot drop the page cache");
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long t0 = System.nanoTime();
      double cpu0 = ProcessCpu.of(ProcessHandle.current().pid());
      List<Future<T>> futures = new ArrayList<>();
      for (Path f : files) {
        futures.add(pool.submit(() -> work.apply(f)));
      }
      List<T> out = new ArrayList<>();
      for (Future<T> f : futures) {
        out.add(f.get());
      }
      System.out.printf(
          "%-40s %.2f s, CPU %.2f s%n",
          label,
          (System.nanoTime() - t0) / 1e9,
          (ProcessCpu.of(ProcessHandle.current().pid()) - cpu0) / 1000);
      return out;
    } finally {
      pool.shutdown();
    }
  }

  private static final ThreadLocal<ByteBuffer> BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 20));

  private static byte[] hash(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer b = BUFFER.get();
      while (b.clear() != null && ch.read(b) > 0) {
        sha.update(b.flip());
      }
      return sha.digest();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
