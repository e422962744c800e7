package org.odcsj.compose;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The totals of recent list filters. A list's COUNT(*) reads every matching index entry (100,000
 * for the unfiltered list of a large table) and dominated list requests. A total is kept at most
 * {@code odcs.list.count-cache-millis} and dropped as soon as this instance creates a compose or
 * changes one's state (after commit), so this instance's own changes show at once; changes made by
 * other instances sharing the database show within twice that time (see below). 0 turns the cache
 * off.
 *
 * <p>Single flight: requests for the same filter that find no fresh total wait for the one COUNT
 * already running instead of each running their own (under load, an expiry made every request
 * thread count at once: the p99). While one request refreshes an expired total, the others are
 * served the old one for up to another max-age.
 */
@ApplicationScoped
public class ListCountCache {

  /** Filters are user input: bound the map, dropping everything when it is full. */
  private static final int MAX_ENTRIES = 1000;

  private record Total(long count, long generation, long expiresAtNanos) {}

  /** A running count, valid only for the generation read before it started. */
  private record Flight(Map<String, Object> filter, long generation) {}

  private final Map<Map<String, Object>, Total> totals = new ConcurrentHashMap<>();
  private final Map<Flight, CompletableFuture<Long>> flights = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  @Inject
  @ConfigProperty(name = "odcs.list.count-cache-millis", defaultValue = "1000")
  long maxAgeMillis;

  /** The total for these filter values: remembered, counted by another request, or now. */
  long total(Map<String, Object> equalTo, LongSupplier count) {
    if (maxAgeMillis <= 0) {
      return count.getAsLong();
    }
    long now = System.nanoTime();
    long current = generation.get();
    Total known = totals.get(equalTo);
    boolean sameGeneration = known != null && known.generation() == current;
    if (sameGeneration && now - known.expiresAtNanos() < 0) {
      return known.count();
    }
    // Tagged with the generation read before counting: a change committed meanwhile bumps it,
    // so a count that may predate that change is never served.
    Flight flight = new Flight(equalTo, current);
    CompletableFuture<Long> mine = new CompletableFuture<>();
    CompletableFuture<Long> running = flights.putIfAbsent(flight, mine);
    if (running != null) {
      if (sameGeneration && now - known.expiresAtNanos() - maxAgeMillis * 1_000_000 < 0) {
        return known.count(); // stale by less than another max-age, and being refreshed
      }
      return await(running);
    }
    try {
      long counted = count.getAsLong();
      if (totals.size() >= MAX_ENTRIES) {
        totals.clear();
      }
      totals.put(
          new HashMap<>(equalTo),
          new Total(counted, current, System.nanoTime() + maxAgeMillis * 1_000_000));
      mine.complete(counted);
      return counted;
    } catch (RuntimeException | Error e) {
      mine.completeExceptionally(e);
      throw e;
    } finally {
      flights.remove(flight, mine);
    }
  }

  private static long await(CompletableFuture<Long> running) {
    try {
      return running.join();
    } catch (CompletionException e) {
      // The counting request's failure (e.g. the database is down) is this request's too.
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  void composeChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ComposeStateChanged e) {
    generation.incrementAndGet();
  }

  void composeCreated(@Observes(during = TransactionPhase.AFTER_SUCCESS) ComposeSubmitted e) {
    generation.incrementAndGet();
  }
}
