package org.odcsj.output;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs work on a few threads of its own (daemons, gone when the work is done) and hands back the
 * first failure as the {@link IOException} it was, once the other tasks have stopped: {@link
 * #forEach} lets each finish the item it is at, {@link #all} interrupts them.
 */
final class Parallel {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private Parallel() {}

  /** Something that may fail with an IOException. */
  @FunctionalInterface
  interface Task {
    void run() throws IOException;
  }

  /** One step for index {@code i}. */
  @FunctionalInterface
  interface IndexTask {
    void run(int i) throws IOException;
  }

  /** Runs {@code task} for 0 … {@code count - 1} on up to {@code threads} threads. */
  static void forEach(int count, int threads, IndexTask task) throws IOException {
    if (count == 0) {
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    int n = Math.max(1, Math.min(threads, count));
    List<Task> workers = new ArrayList<>(n);
    for (int w = 0; w < n; w++) {
      workers.add(
          () -> {
            for (int i; !stop.get() && (i = next.getAndIncrement()) < count; ) {
              task.run(i);
            }
          });
    }
    run(workers, () -> stop.set(true));
  }

  /** Runs each task on a thread of its own and waits for all. */
  static void all(List<Task> tasks) throws IOException {
    run(tasks, null);
  }

  /** {@code stop} (null: interrupt the threads) tells the others when one failed. */
  private static void run(List<Task> tasks, Runnable stop) throws IOException {
    if (tasks.size() == 1) {
      tasks.get(0).run();
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            tasks.size(),
            r -> {
              Thread t = new Thread(r, "odcsj-repository-writer-" + THREADS.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    boolean failed = true;
    try {
      // Results as they come: the first failure is reported at once.
      CompletionService<Void> done = new ExecutorCompletionService<>(pool);
      for (Task t : tasks) {
        done.submit(
            () -> {
              t.run();
              return null;
            });
      }
      for (int i = 0; i < tasks.size(); i++) {
        done.take().get();
      }
      failed = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing the repository");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    } finally {
      if (failed) {
        if (stop != null) {
          stop.run();
          pool.shutdown();
        } else {
          pool.shutdownNow();
        }
        awaitQuietly(pool);
      } else {
        pool.shutdown();
      }
    }
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      if (!pool.awaitTermination(5, TimeUnit.MINUTES)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
