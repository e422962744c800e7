package org.odcsj.parallel;

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
 * Runs work on a few threads of its own (daemons named after the job, gone when the work is done)
 * and hands back the first failure as the {@link IOException} or unchecked exception it was, once
 * the other tasks have stopped: {@link #forEach} lets each finish the item it is at, {@link #all}
 * interrupts them.
 */
public final class Parallel {
  private static final AtomicInteger THREADS = new AtomicInteger();

  private Parallel() {}

  /** Something that may fail with an IOException. */
  @FunctionalInterface
  public interface Task {
    void run() throws IOException;
  }

  /** One step for index {@code i}. */
  @FunctionalInterface
  public interface IndexTask {
    void run(int i) throws IOException;
  }

  /**
   * Runs {@code task} for 0 … {@code count - 1}, in that order, on up to {@code threads} threads
   * named {@code odcsj-<job>-<n>}. After a failure no further index is started.
   */
  public static void forEach(String job, int count, int threads, IndexTask task)
      throws IOException {
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
              try {
                task.run(i);
              } catch (IOException | RuntimeException | Error e) {
                stop.set(true); // at once, not when the caller has seen it
                throw e;
              }
            }
          });
    }
    run(job, workers, () -> stop.set(true));
  }

  /** Runs each task on a thread of its own and waits for all. */
  public static void all(String job, List<Task> tasks) throws IOException {
    run(job, tasks, null);
  }

  /** {@code stop} (null: interrupt the threads) tells the others when one failed. */
  private static void run(String job, List<Task> tasks, Runnable stop) throws IOException {
    if (tasks.size() == 1) {
      tasks.get(0).run();
      return;
    }
    ExecutorService pool =
        Executors.newFixedThreadPool(
            tasks.size(),
            r -> {
              Thread t = new Thread(r, "odcsj-" + job + "-" + THREADS.incrementAndGet());
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
      throw new InterruptedIOException("interrupted: " + job);
    } catch (ExecutionException e) {
      throw rethrowCause(e);
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

  /**
   * Throws what a task threw, as it was: its IOException, unchecked exception or error; anything
   * else wrapped in an IOException. Declared to return so that callers can write {@code throw}.
   */
  public static IOException rethrowCause(ExecutionException e) throws IOException {
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
