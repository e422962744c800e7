package org.odcsj.rpm.cache;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.odcsj.rpm.RpmPackage;

/**
 * The most recently used cache entries, in memory, up to a total weight (their encoded size): the
 * least recently used go first when a new one does not fit. Entries never change (they describe
 * immutable files), so what is here is never stale.
 */
final class RecentEntries {

  /** One entry: its metadata, weight, and when its file was last marked used. */
  record Entry(RpmPackage rpm, long weight, Instant touched) {}

  private final long capacity;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(1024, 0.75f, true);
  private long weight;

  RecentEntries(long capacity) {
    this.capacity = capacity;
  }

  synchronized Entry get(String name) {
    return entries.get(name);
  }

  /** Keeps an entry (replacing one of the same name); one heavier than the capacity is not kept. */
  synchronized void put(String name, RpmPackage rpm, long entryWeight, Instant touched) {
    if (entryWeight > capacity) {
      return;
    }
    Entry old = entries.put(name, new Entry(rpm, entryWeight, touched));
    weight += entryWeight - (old == null ? 0 : old.weight());
    var eldest = entries.entrySet().iterator();
    while (weight > capacity && eldest.hasNext()) {
      Map.Entry<String, Entry> e = eldest.next();
      weight -= e.getValue().weight();
      eldest.remove();
    }
  }

  synchronized void clear() {
    entries.clear();
    weight = 0;
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long weight() {
    return weight;
  }
}
