package org.odcsj.rpm.cache;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many packages of one arch came from the cache and how many headers had to be read, for the
 * generation log: {@code x86_64: 4,998 of 5,000 package headers from the metadata cache, 2 read}.
 */
public final class HeaderCacheCounter {

  private final String arch;
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger reads = new AtomicInteger();

  public HeaderCacheCounter(String arch) {
    this.arch = arch;
  }

  public void hit() {
    hits.incrementAndGet();
  }

  public void read() {
    reads.incrementAndGet();
  }

  public int hits() {
    return hits.get();
  }

  public int reads() {
    return reads.get();
  }

  public String logLine() {
    int h = hits.get();
    int r = reads.get();
    return String.format(
        java.util.Locale.ROOT,
        "%s: %,d of %,d package headers from the metadata cache, %,d read",
        arch,
        h,
        h + r,
        r);
  }
}
