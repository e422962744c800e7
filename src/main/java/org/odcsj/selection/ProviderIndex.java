package org.odcsj.selection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Who provides what among a list of packages, by capability name: explicit provides, each package's
 * implicit {@code name = epoch:version-release}, and the files in {@code wantedPaths} (only the
 * paths something requires are indexed, so millions of files cost one pass, not memory). Lookups
 * are a hash probe plus a scan of that name's providers.
 */
final class ProviderIndex {
  private record Provide(int pkg, Capability capability) {}

  private final Map<String, List<Provide>> byName;
  private final Map<String, List<Integer>> byFile = new HashMap<>();

  ProviderIndex(List<Candidate> packages, Set<String> wantedPaths) {
    byName = new HashMap<>(packages.size() * 4);
    for (int i = 0; i < packages.size(); i++) {
      Candidate c = packages.get(i);
      boolean selfProvided = false;
      for (Capability p : c.provides()) {
        add(p.name(), new Provide(i, p));
        selfProvided |= p.name().equals(c.name());
      }
      if (!selfProvided) {
        add(c.name(), new Provide(i, Capability.of(c.name(), Capability.Op.EQ, c.evr())));
      }
      if (!wantedPaths.isEmpty()) {
        for (String file : c.files()) {
          if (wantedPaths.contains(file)) {
            byFile.computeIfAbsent(file, f -> new ArrayList<>(1)).add(i);
          }
        }
      }
    }
  }

  private void add(String name, Provide provide) {
    byName.computeIfAbsent(name, n -> new ArrayList<>(1)).add(provide);
  }

  /**
   * Calls {@code visitor} with the index of each package satisfying {@code requirement} (a plain
   * capability, not a rich one) until it returns {@code false}; a package may be visited twice.
   * Returns {@code false} when the visitor stopped the walk.
   */
  boolean forEachProvider(Capability requirement, IntPredicate visitor) {
    List<Provide> named = byName.get(requirement.name());
    if (named != null) {
      for (Provide p : named) {
        if (requirement.overlaps(p.capability()) && !visitor.test(p.pkg())) {
          return false;
        }
      }
    }
    if (requirement.isFile()) {
      List<Integer> owners = byFile.get(requirement.name());
      if (owners != null) {
        for (int owner : owners) {
          if (!visitor.test(owner)) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /** Whether any package satisfies {@code requirement}. */
  boolean hasProvider(Capability requirement) {
    return !forEachProvider(requirement, pkg -> false);
  }
}
