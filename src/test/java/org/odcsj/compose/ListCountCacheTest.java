package org.odcsj.compose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
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
}
