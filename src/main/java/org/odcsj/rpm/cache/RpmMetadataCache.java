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

  private final CacheDirectory directory;
  private final Clock clock;

  public RpmMetadataCache(Path root, Clock clock) {
    this.directory = new CacheDirectory(root);
    this.clock = clock;
  }

  public Optional<RpmPackage> get(String payloadhash, String sigkey) {
    String name = name(payloadhash, sigkey);
    try {
      Optional<byte[]> bytes = directory.read(name, clock.instant());
      if (bytes.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(RpmPackageCodec.decode(bytes.get()));
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
    try {
      directory.write(name, RpmPackageCodec.encode(rpm));
    } catch (IOException e) {
      LOG.log(
          Level.WARNING,
          "Cannot write RPM metadata cache entry {0} under {1}: {2}",
          new Object[] {name, directory.root(), e.toString()});
    }
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
