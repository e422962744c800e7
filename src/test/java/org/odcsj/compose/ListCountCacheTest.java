package org.odcsj.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ListCountCacheTest {

  private final AtomicLong rows = new AtomicLong(5);
  private final AtomicLong queries = new AtomicLong();

  private long count() {
    queries.incrementAndGet();
    return rows.get();
  }

  private static ListCountCache cache(long maxAgeMillis) {
    ListCountCache cache = new ListCountCache();
    cache.maxAgeMillis = maxAgeMillis;
    return cache;
  }

  @Test
  void aTotalIsCountedOncePerFilterWhileNothingChanges() {
    ListCountCache cache = cache(60_000);
    assertEquals(5, cache.total(Map.of("state", 2), this::count));
    assertEquals(5, cache.total(Map.of("state", 2), this::count));
    assertEquals(1, queries.get());
    assertEquals(5, cache.total(Map.of("owner", "alice"), this::count));
    assertEquals(2, queries.get(), "another filter is counted on its own");
  }

  @Test
  void aChangeOfThisInstanceShowsAtOnce() {
    ListCountCache cache = cache(60_000);
    cache.total(Map.of(), this::count);
    rows.set(6);
    cache.composeChanged(null);
    assertEquals(6, cache.total(Map.of(), this::count));
  }

  @Test
  void aCountThatRanDuringAChangeIsNotServedAfterIt() {
    ListCountCache cache = cache(60_000);
    // The change commits while the count runs: the count may or may not have seen it.
    assertEquals(
        5,
        cache.total(
            Map.of(),
            () -> {
              long seen = count();
              rows.set(6);
              cache.composeChanged(null);
              return seen;
            }));
    assertEquals(6, cache.total(Map.of(), this::count));
  }

  @Test
  void otherInstancesChangesShowOnceTheTotalIsOld() throws InterruptedException {
    ListCountCache cache = cache(50);
    cache.total(Map.of(), this::count);
    rows.set(7); // another instance: no event here
    Thread.sleep(80);
    assertEquals(7, cache.total(Map.of(), this::count));
  }

  @Test
  void zeroCountsEveryTime() {
    ListCountCache cache = cache(0);
    cache.total(Map.of(), this::count);
    cache.total(Map.of(), this::count);
    assertEquals(2, queries.get());
  }

  /** A count that blocks until released, as a slow COUNT(*) under load does. */
  private final CountDownLatch started = new CountDownLatch(1);

  private final CountDownLatch release = new CountDownLatch(1);

  private long slowCount() {
    started.countDown();
    try {
      assertTrue(release.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
    return count();
  }

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @AfterEach
  void stopThreads() {
    release.countDown();
    threads.shutdownNow();
  }

  @Test
  void concurrentRequestsForOneFilterShareOneCount() throws Exception {
    ListCountCache cache = cache(60_000);
    Future<Long> first = threads.submit(() -> cache.total(Map.of("state", 2), this::slowCount));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    List<Future<Long>> others = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      others.add(threads.submit(() -> cache.total(Map.of("state", 2), this::count)));
    }
    Thread.sleep(100);
    assertFalse(others.get(0).isDone(), "the others wait for the running count");
    release.countDown();
    assertEquals(5, first.get(10, TimeUnit.SECONDS));
    for (Future<Long> other : others) {
      assertEquals(5, other.get(10, TimeUnit.SECONDS));
    }
    assertEquals(1, queries.get(), "one COUNT for nine requests");
  }

  @Test
  void anExpiredTotalIsServedWhileAnotherRequestRefreshesIt() throws Exception {
    ListCountCache cache = cache(1000);
    cache.total(Map.of(), this::count);
    rows.set(6); // another instance
    Thread.sleep(1100); // expired, but by less than another max-age
    Future<Long> refresh = threads.submit(() -> cache.total(Map.of(), this::slowCount));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    assertEquals(5, cache.total(Map.of(), this::count), "the old total, without waiting");
    release.countDown();
    assertEquals(6, refresh.get(10, TimeUnit.SECONDS));
    assertEquals(6, cache.total(Map.of(), this::count));
    assertEquals(2, queries.get());
  }

  @Test
  void aTotalOlderThanTwiceTheMaxAgeWaitsForTheRefresh() throws Exception {
    ListCountCache cache = cache(50);
    cache.total(Map.of(), this::count);
    rows.set(6);
    Thread.sleep(150);
    Future<Long> refresh = threads.submit(() -> cache.total(Map.of(), this::slowCount));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    Future<Long> waiting = threads.submit(() -> cache.total(Map.of(), this::count));
    Thread.sleep(100);
    assertFalse(waiting.isDone());
    release.countDown();
    assertEquals(6, refresh.get(10, TimeUnit.SECONDS));
    assertEquals(6, waiting.get(10, TimeUnit.SECONDS));
    assertEquals(2, queries.get());
  }

  @Test
  void aCountStartedBeforeAChangeIsNotJoinedAfterIt() throws Exception {
    ListCountCache cache = cache(60_000);
    Future<Long> before = threads.submit(() -> cache.total(Map.of(), this::slowCount));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    rows.set(6);
    cache.composeChanged(null);
    assertEquals(6, cache.total(Map.of(), this::count), "counted anew, not the older flight");
    release.countDown();
    before.get(10, TimeUnit.SECONDS);
    assertEquals(6, cache.total(Map.of(), this::count));
  }

  @Test
  void theFailureOfTheRunningCountIsTheWaitersToo() throws Exception {
    ListCountCache cache = cache(60_000);
    Future<Long> failing =
        threads.submit(
            () ->
                cache.total(
                    Map.of(),
                    () -> {
                      slowCount();
                      throw new IllegalStateException("database down");
                    }));
    assertTrue(started.await(10, TimeUnit.SECONDS));
    Future<Long> waiting = threads.submit(() -> cache.total(Map.of(), this::count));
    Thread.sleep(100);
    release.countDown();
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> waiting.get(10, TimeUnit.SECONDS));
    assertEquals("database down", e.getCause().getMessage());
    assertThrows(ExecutionException.class, () -> failing.get(10, TimeUnit.SECONDS));
    assertEquals(5, cache.total(Map.of(), this::count), "the next request counts again");
  }
}
