package org.odcsj.rpm.cache;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.odcsj.rpm.RpmPackage;

/**
 * The metadata of immutable RPM files, by Koji's payloadhash (the MD5 of header and payload, the
 * same for every signed copy) and the sigkey of the copy (whose file, size and checksum differ). A
 * damaged or foreign entry is a miss and is removed; a failure to write only costs a later read.
 */
public final class RpmMetadataCache {

  private static final Logger LOG = Logger.getLogger(RpmMetadataCache.class.getName());

  /**
   * What the entries kept in memory may weigh, counted as their encoded size: the directory is read
   * once per entry in the server's life, not once per compose (a warm compose of 2,800 RPMs spent
   * 0.14 s reading entries back from a dropped page cache).
   */
  static final long MEMORY_BYTES = 64L << 20;

  /** A memory hit refreshes the entry's last use on disk (for the sweep) at most this often. */
  private static final Duration TOUCH_EVERY = Duration.ofDays(1);

  /** How often the directory is checked for having been emptied, which empties the memory. */
  private static final long CHECK_EVERY_NANOS = 1_000_000_000L;

  private final CacheDirectory directory;
  private final Clock clock;
  private final RecentEntries memory;
  private final DeferredWrites writes;
  private volatile long nextCheck = System.nanoTime();
  private final long checkEveryNanos;
  private String identity;

  public RpmMetadataCache(Path root, Clock clock) {
    this(root, clock, MEMORY_BYTES, CHECK_EVERY_NANOS);
  }

  RpmMetadataCache(Path root, Clock clock, long memoryBytes, long checkEveryNanos) {
    this.directory = new CacheDirectory(root);
    this.clock = clock;
    this.memory = new RecentEntries(memoryBytes);
    this.writes = new DeferredWrites(directory);
    this.checkEveryNanos = checkEveryNanos;
  }

  public Optional<RpmPackage> get(String payloadhash, String sigkey) {
    String name = name(payloadhash, sigkey);
    java.time.Instant now = clock.instant();
    forgetIfEmptied();
    RecentEntries.Entry kept = memory.get(name);
    if (kept != null) {
      if (kept.touched().plus(TOUCH_EVERY).isBefore(now)) {
        directory.touch(name, now);
        memory.put(name, kept.rpm(), kept.weight(), now);
      }
      return Optional.of(kept.rpm());
    }
    try {
      byte[] waiting = writes.pending(name);
      Optional<byte[]> bytes = waiting != null ? Optional.of(waiting) : directory.read(name, now);
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      RpmPackage rpm = RpmPackageCodec.decode(bytes.get());
      memory.put(name, rpm, bytes.get().length, now);
      return Optional.of(rpm);
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "RPM metadata cache entry {0} under {1} is unreadable ({2}); reading the headers again",
          new Object[] {name, directory.root(), e.getMessage()});
      try {
        directory.delete(name);
      } catch (IOException ignored) {
        // the next put replaces it
      }
      return Optional.empty();
    }
  }

  public void put(String payloadhash, String sigkey, RpmPackage rpm) {
    String name = name(payloadhash, sigkey);
    forgetIfEmptied();
    try {
      byte[] bytes = RpmPackageCodec.encode(rpm);
      memory.put(name, rpm, bytes.length, clock.instant());
      if (!writes.add(name, bytes)) {
        directory.write(name, bytes);
      }
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "Cannot write RPM metadata cache entry {0} under {1}: {2}",
          new Object[] {name, directory.root(), e.toString()});
    }
  }

  /**
   * Empties the memory when the directory was deleted or replaced since it was last looked at (at
   * most once a second): what an operator deletes is gone for this server too.
   */
  private void forgetIfEmptied() {
    if (System.nanoTime() - nextCheck < 0) {
      return;
    }
    // The others wait for the check: none may take an entry of a deleted directory meanwhile.
    synchronized (this) {
      if (System.nanoTime() - nextCheck < 0) {
        return;
      }
      try {
        String current = directory.identity();
        if (identity != null && !identity.equals(current)) {
          memory.clear();
          writes.clear();
          LOG.info(() -> "RPM metadata cache " + directory.root() + " was emptied: memory cleared");
        }
        identity = current;
      } catch (IOException e) {
        memory.clear();
        identity = null;
        LOG.log(
            Level.WARNING,
            "Cannot read the identity of the RPM metadata cache {0} ({1}); memory cleared",
            new Object[] {directory.root(), e.toString()});
      }
      nextCheck = System.nanoTime() + checkEveryNanos;
    }
  }

  /**
   * Writes the entries still waiting to be written (they are written once puts have been quiet for
   * half a second) and returns when they are.
   */
  public void flush() throws InterruptedException {
    writes.flush();
  }

  /** Removes entries not used for {@code maxAge}; returns how many. */
  public int sweep(Duration maxAge) throws IOException {
    return directory.sweep(clock.instant().minus(maxAge));
  }

  static String name(String payloadhash, String sigkey) {
    String hash = payloadhash == null ? "" : payloadhash.toLowerCase(Locale.ROOT);
    if (hash.length() != 32 || !hash.chars().allMatch(RpmMetadataCache::hex)) {
      throw new IllegalArgumentException("not an MD5 payloadhash: " + payloadhash);
    }
    String key = sigkey == null ? "" : sigkey.toLowerCase(Locale.ROOT);
    if (key.length() > 16 || !key.chars().allMatch(RpmMetadataCache::hex)) {
      throw new IllegalArgumentException("not a sigkey: " + sigkey);
    }
    return hash + "-" + (key.isEmpty() ? "unsigned" : key);
  }

  private static boolean hex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
