package org.odcsj.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The source's package set as ODCS sees it: binary packages only (no source RPMs, no
 * debuginfo/debugsource), and of each name+arch only the newest EVR. Copies of that NEVRA (from
 * several sources, or signed by several keys) stay together as one {@link Entry}.
 */
final class PackageSet {

  /**
   * One name+arch's newest package; {@code id} indexes per-arch state arrays, {@code nevra} is its
   * NEVRA string (computed once: it orders results and reasons).
   */
  record Entry(int id, List<Candidate> copies, String nevra) {
    Candidate candidate() {
      return copies.get(0);
    }

    String name() {
      return candidate().name();
    }

    String arch() {
      return candidate().arch();
    }

    /** Identity is the id: hashing the copies would walk every relation and file. */
    @Override
    public boolean equals(Object o) {
      return o instanceof Entry e && e.id == id && e.nevra.equals(nevra);
    }

    @Override
    public int hashCode() {
      return id;
    }

    @Override
    public String toString() {
      return nevra;
    }
  }

  private final List<Entry> entries;

  private PackageSet(List<Entry> entries) {
    this.entries = entries;
  }

  List<Entry> entries() {
    return entries;
  }

  static PackageSet latestOf(List<Candidate> candidates) {
    Map<String, List<Candidate>> newest = new HashMap<>();
    for (Candidate c : candidates) {
      if (isSource(c.arch()) || isDebug(c.name())) {
        continue;
      }
      List<Candidate> held =
          newest.computeIfAbsent(c.name() + "." + c.arch(), k -> new ArrayList<>(1));
      int cmp = held.isEmpty() ? 1 : c.evr().compareTo(held.get(0).evr());
      if (cmp > 0) {
        held.clear();
      }
      if (cmp >= 0) {
        held.add(c);
      }
    }
    List<Entry> unordered = new ArrayList<>(newest.size());
    newest
        .values()
        .forEach(copies -> unordered.add(new Entry(-1, copies, copies.get(0).toString())));
    unordered.sort(Comparator.comparing(Entry::nevra));
    List<Entry> entries = new ArrayList<>(unordered.size());
    for (Entry e : unordered) {
      entries.add(new Entry(entries.size(), List.copyOf(e.copies()), e.nevra()));
    }
    return new PackageSet(entries);
  }

  static boolean isSource(String arch) {
    return "src".equals(arch) || "nosrc".equals(arch);
  }

  /** Pungi's rule: {@code -debuginfo} anywhere in the name, or ending in {@code -debugsource}. */
  static boolean isDebug(String name) {
    return name.contains("-debuginfo") || name.endsWith("-debugsource");
  }
}
