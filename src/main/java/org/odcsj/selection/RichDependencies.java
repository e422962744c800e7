package org.odcsj.selection;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Parses each distinct rich requirement once; malformed ones are remembered, not fatal. */
final class RichDependencies {
  private static final RichDependency MALFORMED = new RichDependency.And(List.of());

  private final Map<String, RichDependency> parsed = new HashMap<>();
  private final Set<String> malformed = new TreeSet<>();

  /** The parsed form of a rich requirement, {@code null} when it does not parse. */
  synchronized RichDependency get(Capability requirement) {
    RichDependency d =
        parsed.computeIfAbsent(
            requirement.name(),
            text -> {
              try {
                return RichDependency.parse(text);
              } catch (IllegalArgumentException e) {
                malformed.add(e.getMessage());
                return MALFORMED;
              }
            });
    return d == MALFORMED ? null : d;
  }

  synchronized Set<String> malformed() {
    return Set.copyOf(malformed);
  }

  /** Adds the file paths among the atoms of {@code d} to {@code paths}. */
  static void collectPaths(RichDependency d, Set<String> paths) {
    if (d instanceof RichDependency.Atom a) {
      if (a.capability().isFile()) {
        paths.add(a.capability().name());
      }
    } else {
      children(d).forEach(child -> collectPaths(child, paths));
    }
  }

  static boolean hasConditional(RichDependency d) {
    return d instanceof RichDependency.Conditional
        || children(d).stream().anyMatch(RichDependencies::hasConditional);
  }

  /** The direct sub-dependencies of {@code d}. */
  static List<RichDependency> children(RichDependency d) {
    if (d instanceof RichDependency.And and) {
      return and.parts();
    }
    if (d instanceof RichDependency.Or or) {
      return or.parts();
    }
    if (d instanceof RichDependency.With with) {
      return with.parts();
    }
    if (d instanceof RichDependency.Without w) {
      return List.of(w.wanted(), w.excluded());
    }
    if (d instanceof RichDependency.Conditional c) {
      return c.otherwise() == null
          ? List.of(c.then(), c.condition())
          : List.of(c.then(), c.condition(), c.otherwise());
    }
    return List.of();
  }
}
