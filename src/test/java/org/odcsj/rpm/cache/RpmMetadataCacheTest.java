package org.odcsj.rpm.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.rpm.RpmPackage;

class RpmMetadataCacheTest {

  private static final String HASH = "0123456789abcdef0123456789abcdef";

  @TempDir Path root;

  private final Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

  @Test
  void aMissThenThePutPackageBySigkey() throws Exception {
    var cache = new RpmMetadataCache(root, clock);
    RpmPackage unsigned = RpmPackageCodecTest.sample("a", List.of(), List.of());
    RpmPackage signed = RpmPackageCodecTest.sample("a-signed", List.of(), List.of());

    assertEquals(Optional.empty(), cache.get(HASH, ""));
    cache.put(HASH, "", unsigned);
    cache.put(HASH, "0123ABCD", signed);
    cache.flush();

    assertEquals(Optional.of(unsigned), cache.get(HASH, ""));
    assertEquals(Optional.of(signed), cache.get(HASH.toUpperCase(), "0123abcd"));
    assertEquals(Optional.empty(), cache.get(HASH, "89abcdef"));
    assertTrue(Files.exists(root.resolve("01").resolve(HASH + "-0123abcd")));
  }

  @Test
  void aDamagedEntryIsAMissAndIsRemoved() throws Exception {
    var cache = new RpmMetadataCache(root, clock);
    cache.put(HASH, "", RpmPackageCodecTest.sample("a", List.of(), List.of()));
    cache.flush();
    Path entry = root.resolve("01").resolve(HASH + "-unsigned");
    Files.write(entry, new byte[] {1, 2, 3});

    // another instance (or this one after a restart) has it only on disk
    assertEquals(Optional.empty(), new RpmMetadataCache(root, clock).get(HASH, ""));
    assertFalse(Files.exists(entry));
  }

  @Test
  void entriesAreWrittenOnceNoNewOneCameForAMoment() throws Exception {
    var cache = new RpmMetadataCache(root, clock, 0, 0); // no memory: what waits is served
    RpmPackage rpm = RpmPackageCodecTest.sample("a", List.of(), List.of());
    cache.put(HASH, "", rpm);
    assertEquals(Optional.of(rpm), cache.get(HASH, ""));
    Path entry = root.resolve("01").resolve(HASH + "-unsigned");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (!Files.exists(entry) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(Files.exists(entry), "written without a flush");
    assertEquals(Optional.of(rpm), new RpmMetadataCache(root, clock).get(HASH, ""));
  }

  @Test
  void keysThatCouldEscapeTheDirectoryAreRefused() {
    var cache = new RpmMetadataCache(root, clock);
    assertThrows(IllegalArgumentException.class, () -> cache.get("../../etc/passwd", ""));
    assertThrows(IllegalArgumentException.class, () -> cache.get(HASH, "../x"));
    assertThrows(IllegalArgumentException.class, () -> cache.get(HASH.substring(1), ""));
  }

  @Test
  void theSweepRemovesOnlyEntriesUnusedForTheMaxAge() throws Exception {
    var cache = new RpmMetadataCache(root, clock);
    String other = "f".repeat(32);
    cache.put(HASH, "", RpmPackageCodecTest.sample("old", List.of(), List.of()));
    cache.put(other, "", RpmPackageCodecTest.sample("used", List.of(), List.of()));
    cache.flush();
    setMtime(HASH, Instant.parse("2026-10-01T00:00:00Z"));
    setMtime(other, Instant.parse("2026-10-01T00:00:00Z"));
    new RpmMetadataCache(root, clock).get(other, ""); // a use (read from disk) renews the entry

    assertEquals(1, cache.sweep(Duration.ofDays(30)));
    var restarted = new RpmMetadataCache(root, clock);
    assertEquals(Optional.empty(), restarted.get(HASH, ""));
    assertTrue(restarted.get(other, "").isPresent());
  }

  @Test
  void entriesUsedAgainComeFromMemoryWithoutTheDisk() throws Exception {
    var cache = new RpmMetadataCache(root, clock);
    RpmPackage rpm = RpmPackageCodecTest.sample("a", List.of(), List.of());
    cache.put(HASH, "", rpm);
    cache.flush();
    Path entry = root.resolve("01").resolve(HASH + "-unsigned");
    Files.delete(entry);

    assertEquals(Optional.of(rpm), cache.get(HASH, ""));
    assertEquals(Optional.empty(), new RpmMetadataCache(root, clock).get(HASH, ""));
  }

  @Test
  void memoryKeepsTheMostRecentlyUsedEntriesWithinItsWeight() throws Exception {
    RpmPackage a = RpmPackageCodecTest.sample("a", List.of(), List.of());
    long one = RpmPackageCodec.encode(a).length;
    var cache = new RpmMetadataCache(root, clock, 2 * one + one / 2, 0); // room for two
    String b = "b".repeat(32);
    String c = "c".repeat(32);
    cache.put(HASH, "", a);
    cache.put(b, "", a);
    cache.get(HASH, ""); // HASH is now more recent than b
    cache.put(c, "", a); // b goes
    cache.flush();
    deleteEntries();

    assertTrue(cache.get(HASH, "").isPresent());
    assertTrue(cache.get(c, "").isPresent());
    assertEquals(Optional.empty(), cache.get(b, ""));
  }

  @Test
  void deletingTheDirectoryEmptiesTheMemoryToo() throws Exception {
    var cache = new RpmMetadataCache(root, clock, RpmMetadataCache.MEMORY_BYTES, 0);
    cache.put(HASH, "", RpmPackageCodecTest.sample("a", List.of(), List.of()));
    cache.flush();
    assertTrue(cache.get(HASH, "").isPresent());

    try (Stream<Path> all = Files.walk(root)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }

    assertEquals(Optional.empty(), cache.get(HASH, ""));
  }

  @Test
  void aMemoryHitMarksTheEntryUsedOnDiskOncePerDay() throws Exception {
    var now = new java.util.concurrent.atomic.AtomicReference<>(clock.instant());
    Clock moving =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return now.get();
          }
        };
    var cache = new RpmMetadataCache(root, moving);
    cache.put(HASH, "", RpmPackageCodecTest.sample("a", List.of(), List.of()));
    cache.flush();
    Path entry = root.resolve("01").resolve(HASH + "-unsigned");
    setMtime(HASH, clock.instant());

    now.set(clock.instant().plus(Duration.ofHours(2)));
    cache.get(HASH, "");
    assertEquals(clock.instant(), Files.getLastModifiedTime(entry).toInstant(), "within a day");

    now.set(clock.instant().plus(Duration.ofDays(2)));
    cache.get(HASH, "");
    assertEquals(now.get(), Files.getLastModifiedTime(entry).toInstant(), "after a day");
  }

  /** The entries' files, not the directory's identity. */
  private void deleteEntries() throws IOException {
    try (Stream<Path> files = Files.walk(root, 2)) {
      for (Path p : files.filter(f -> f.getNameCount() - root.getNameCount() == 2).toList()) {
        Files.delete(p);
      }
    }
  }

  @Test
  void concurrentWritersOfOneEntryLeaveOneWholeEntry() throws Exception {
    var cache = new RpmMetadataCache(root, clock);
    RpmPackage rpm = RpmPackageCodecTest.sample("a", List.of(), List.of());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> writes =
          Stream.<Future<?>>generate(() -> pool.submit(() -> cache.put(HASH, "", rpm)))
              .limit(40)
              .toList();
      for (Future<?> write : writes) {
        write.get();
      }
    } finally {
      pool.shutdown();
    }
    cache.flush();
    assertEquals(Optional.of(rpm), cache.get(HASH, ""));
    try (Stream<Path> files = Files.list(root.resolve("01"))) {
      assertEquals(List.of(root.resolve("01").resolve(HASH + "-unsigned")), files.toList());
    }
  }

  @Test
  void theCounterSaysHowManyHeadersWereRead() {
    var counter = new HeaderCacheCounter("x86_64");
    for (int i = 0; i < 4998; i++) {
      counter.hit();
    }
    counter.read();
    counter.read();
    assertEquals(
        "x86_64: 4,998 of 5,000 package headers from the metadata cache, 2 read",
        counter.logLine());
  }

  private void setMtime(String hash, Instant when) throws IOException {
    Files.setLastModifiedTime(
        root.resolve(hash.substring(0, 2)).resolve(hash + "-unsigned"),
        java.nio.file.attribute.FileTime.from(when));
  }
}
