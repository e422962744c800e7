package org.odcsj.output;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the first page of RPM files that a compose will probably place, while it is still reading
 * its sources and selecting: {@link RepositoryWriter} then finds their signature headers (and
 * inodes) in memory instead of waiting for the disk package by package. Only a hint: nothing is
 * kept, a file that cannot be read is skipped, and {@link #close()} drops what is still queued.
 * Thread-safe.
 */
public final class FilePrefetch implements Closeable {
  private static final Path STOP = Path.of("");
  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final int PAGE = 4096;

  private final BlockingQueue<Path> queue = new LinkedBlockingQueue<>();
  private final Thread[] threads;
  private volatile boolean closed;

  /** Starts {@code threads} readers (daemons): cold reads wait for the disk, not the processor. */
  public FilePrefetch(int threads) {
    this.threads = new Thread[threads];
    for (int i = 0; i < threads; i++) {
      Thread t = new Thread(this::run, "odcsj-prefetch-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      this.threads[i] = t;
      t.start();
    }
  }

  /** Queues {@code file} to be read. */
  public void offer(Path file) {
    if (!closed && file != null) {
      queue.add(file);
    }
  }

  private void run() {
    ByteBuffer page = ByteBuffer.allocate(PAGE);
    try {
      for (Path file; (file = queue.take()) != STOP && !closed; ) {
        try (FileChannel ch = FileChannel.open(file)) {
          page.clear();
          ch.read(page, 0);
        } catch (IOException | RuntimeException e) {
          // only a hint: the writer reports what is really wrong with the file
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the readers; what is queued is not read. */
  @Override
  public void close() {
    closed = true;
    queue.clear();
    for (int i = 0; i < threads.length; i++) {
      queue.add(STOP);
    }
  }
}
