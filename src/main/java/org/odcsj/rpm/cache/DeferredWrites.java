package org.odcsj.rpm.cache;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Cache entries written to their directory off the compose's path: once new entries have stopped
 * coming for a moment (the compose that read them is past reading), by one thread that ends when
 * nothing is left. Creating thousands of small files cost a cold compose about a tenth of its
 * processor time (ext4 inode allocation, measured with perf); until written, an entry is served
 * from here. Entries lost in a crash are only read again.
 */
final class DeferredWrites {

  private static final Logger LOG = Logger.getLogger(DeferredWrites.class.getName());

  /** Entries are written once no new one came for this long. */
  private static final long QUIET_NANOS = 500_000_000L;

  /** Beyond this many waiting entries, a new one is written at once by its caller. */
  static final int MAX_PENDING = 50_000;

  private final CacheDirectory directory;
  private final LinkedHashMap<String, byte[]> pending = new LinkedHashMap<>();
  private long lastAdd = System.nanoTime();
  private boolean writing;

  DeferredWrites(CacheDirectory directory) {
    this.directory = directory;
  }

  /** Queues an entry; false when too many wait (the caller writes it itself). */
  synchronized boolean add(String name, byte[] bytes) {
    if (pending.size() >= MAX_PENDING && !pending.containsKey(name)) {
      return false;
    }
    pending.put(name, bytes);
    lastAdd = System.nanoTime();
    if (!writing) {
      writing = true;
      Thread writer = new Thread(this::run, "odcsj-rpm-cache-writer");
      writer.setDaemon(true);
      writer.start();
    }
    return true;
  }

  /** An entry not written yet, or null. */
  synchronized byte[] pending(String name) {
    return pending.get(name);
  }

  /** Forgets what waits (the directory was emptied). */
  synchronized void clear() {
    pending.clear();
  }

  /** Writes everything waiting now and returns when it is written. */
  synchronized void flush() throws InterruptedException {
    lastAdd = System.nanoTime() - QUIET_NANOS;
    notifyAll();
    while (writing) {
      wait();
    }
  }

  private void run() {
    try {
      while (true) {
        Map<String, byte[]> batch;
        synchronized (this) {
          long quietFor;
          while (!pending.isEmpty() && (quietFor = System.nanoTime() - lastAdd) < QUIET_NANOS) {
            long waitNanos = QUIET_NANOS - quietFor;
            wait(Math.max(1, waitNanos / 1_000_000), (int) (waitNanos % 1_000_000));
          }
          if (pending.isEmpty()) {
            return;
          }
          batch = new LinkedHashMap<>(pending);
        }
        for (Map.Entry<String, byte[]> e : batch.entrySet()) {
          try {
            directory.write(e.getKey(), e.getValue());
          } catch (IOException ex) {
            LOG.log(
                Level.WARNING,
                "Cannot write RPM metadata cache entry {0} under {1}: {2}",
                new Object[] {e.getKey(), directory.root(), ex.toString()});
          }
          synchronized (this) {
            // still the same bytes (entries never change): it is written now
            pending.remove(e.getKey(), e.getValue());
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      synchronized (this) {
        writing = false;
        notifyAll();
      }
    }
  }
}
