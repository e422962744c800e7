package org.odcsj.compose;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The totals of recent list filters. A list's COUNT(*) reads every matching index entry (100,000
 * for the unfiltered list of a large table) and dominated list requests. A total is kept at most
 * {@code odcs.list.count-cache-millis} and dropped as soon as this instance creates a compose or
 * changes one's state (after commit), so this instance's own changes show at once; changes made by
 * other instances sharing the database show within that time. 0 turns the cache off.
 */
@ApplicationScoped
public class ListCountCache {

  /** Filters are user input: bound the map, dropping everything when it is full. */
  private static final int MAX_ENTRIES = 1000;

  private record Total(long count, long generation, long expiresAtNanos) {}

  private final Map<Map<String, Object>, Total> totals = new ConcurrentHashMap<>();
  private final AtomicLong generation = new AtomicLong();

  @Inject
  @ConfigProperty(name = "odcs.list.count-cache-millis", defaultValue = "1000")
  long maxAgeMillis;

  /** The total for these filter values: remembered, or counted by {@code count} now. */
  long total(Map<String, Object> equalTo, LongSupplier count) {
    if (maxAgeMillis <= 0) {
      return count.getAsLong();
    }
    long now = System.nanoTime();
    Total known = totals.get(equalTo);
    long current = generation.get();
    if (known != null && known.generation() == current && now - known.expiresAtNanos() < 0) {
      return known.count();
    }
    // Tagged with the generation read before counting: a change committed meanwhile bumps it,
    // so a count that may predate that change is never served.
    long counted = count.getAsLong();
    if (totals.size() >= MAX_ENTRIES) {
      totals.clear();
    }
    totals.put(
        new java.util.HashMap<>(equalTo),
        new Total(counted, current, now + maxAgeMillis * 1_000_000));
    return counted;
  }

  void composeChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ComposeStateChanged e) {
    generation.incrementAndGet();
  }
}
