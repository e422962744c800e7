package org.odcsj.source.repo;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.odcsj.parallel.Parallel;

/** One piece of reading done on a thread of its own (a daemon) while the caller does another. */
final class Background<T> {
  /** Work that may fail with an IOException. */
  @FunctionalInterface
  interface Work<T> {
    T run() throws IOException;
  }

  private final CompletableFuture<T> result = new CompletableFuture<>();
  private final Thread thread;

  private Background(String name, Work<T> work) {
    this.thread =
        new Thread(
            () -> {
              try {
                result.complete(work.run());
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            },
            "odcsj-read " + name);
    thread.setDaemon(true);
  }

  /** Starts {@code work}; {@code name} names the thread. */
  static <T> Background<T> start(String name, Work<T> work) {
    Background<T> b = new Background<>(name, work);
    b.thread.start();
    return b;
  }

  /** Waits for the result; the work's IOException (or runtime exception) as it was thrown. */
  T join() throws IOException {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      thread.interrupt();
      throw new InterruptedIOException("interrupted while reading");
    } catch (CancellationException e) {
      throw new InterruptedIOException("reading cancelled");
    } catch (ExecutionException e) {
      throw Parallel.rethrowCause(e);
    }
  }

  /** The caller no longer wants the result (it failed itself): stop the work if it can. */
  void abandon() {
    thread.interrupt();
  }
}
