package org.odcsj.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class ParallelTest {

  @Test
  void forEachRunsEveryIndexOnceOnThreadsNamedAfterTheJob() throws IOException {
    AtomicIntegerArray runs = new AtomicIntegerArray(1000);
    Set<String> threads = ConcurrentHashMap.newKeySet();
    Parallel.forEach(
        "test-job",
        1000,
        4,
        i -> {
          runs.incrementAndGet(i);
          threads.add(Thread.currentThread().getName());
        });
    for (int i = 0; i < 1000; i++) {
      assertEquals(1, runs.get(i), "index " + i);
    }
    assertTrue(threads.size() <= 4, threads.toString());
    assertTrue(threads.stream().allMatch(t -> t.startsWith("odcsj-test-job-")), threads.toString());
    assertTrue(threads.stream().allMatch(t -> !t.equals(Thread.currentThread().getName())));
  }

  @Test
  void forEachOfNothingRunsNothing() throws IOException {
    Parallel.forEach(
        "test-job",
        0,
        4,
        i -> {
          throw new IOException("must not run");
        });
  }

  @Test
  void theFirstFailureComesBackAsItWasAndNoFurtherIndexStarts() throws Exception {
    AtomicInteger started = new AtomicInteger();
    AtomicBoolean failing = new AtomicBoolean();
    IOException failure = new IOException("index 0 is broken");
    IOException thrown =
        assertThrows(
            IOException.class,
            () ->
                Parallel.forEach(
                    "test-job",
                    1000,
                    2,
                    i -> {
                      started.incrementAndGet();
                      if (i == 0) {
                        awaitTrue(() -> started.get() == 2); // the other thread is at index 1
                        failing.set(true);
                        throw failure;
                      }
                      // Index 1 ends only after index 0 failed: no further index may start.
                      awaitTrue(failing::get);
                      sleep(100);
                    }));
    assertSame(failure, thrown);
    assertEquals(2, started.get(), "indexes started");
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws IOException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IOException("condition not met in 30 s");
      }
      sleep(1);
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  @Test
  void anUncheckedFailureComesBackUnchanged() {
    IllegalStateException failure = new IllegalStateException("bad header");
    assertSame(
        failure,
        assertThrows(
            IllegalStateException.class,
            () ->
                Parallel.forEach(
                    "test-job",
                    3,
                    3,
                    i -> {
                      if (i == 1) {
                        throw failure;
                      }
                    })));
  }

  @Test
  void allRunsTasksSideBySideAndInterruptsTheOthersWhenOneFails() throws Exception {
    CountDownLatch bothRunning = new CountDownLatch(2);
    AtomicBoolean interrupted = new AtomicBoolean();
    IOException failure = new IOException("writer failed");
    Parallel.Task waiting =
        () -> {
          bothRunning.countDown();
          try {
            Thread.sleep(TimeUnit.MINUTES.toMillis(1));
          } catch (InterruptedException e) {
            interrupted.set(true);
          }
        };
    Parallel.Task failing =
        () -> {
          bothRunning.countDown();
          try {
            // Fails only once both run at once: the tasks are not run one after the other.
            if (!bothRunning.await(30, TimeUnit.SECONDS)) {
              throw new IOException("tasks did not run side by side");
            }
          } catch (InterruptedException e) {
            throw new IOException(e);
          }
          throw failure;
        };
    long start = System.nanoTime();
    assertSame(
        failure,
        assertThrows(IOException.class, () -> Parallel.all("test-job", List.of(waiting, failing))));
    assertTrue(interrupted.get(), "the waiting task was interrupted");
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(30));
  }
}
