package org.odcsj.selection;

import java.util.List;
import java.util.Map;

/**
 * Which package arches go into one arch's repository: the arch itself (and the older arches it
 * runs, for 32-bit x86), {@code noarch}, and — when the arch is a multilib arch — its compat
 * arches, ranked best first.
 */
final class ArchPolicy {
  /** Where a package arch stands relative to the repository's arch. */
  enum Group {
    NATIVE,
    NOARCH,
    COMPAT,
    NONE
  }

  private static final Map<String, List<String>> NATIVE =
      Map.of(
          "i686", List.of("i686", "i586", "i486", "i386"),
          "i586", List.of("i586", "i486", "i386"),
          "i486", List.of("i486", "i386"));

  private static final Map<String, List<String>> COMPAT =
      Map.of(
          "x86_64", List.of("i686", "i586", "i486", "i386"),
          "ppc64", List.of("ppc"),
          "s390x", List.of("s390"));

  private final List<String> nativeArches;
  private final List<String> compatArches;

  ArchPolicy(String arch, boolean multilib) {
    this.nativeArches = NATIVE.getOrDefault(arch, List.of(arch));
    this.compatArches = multilib ? COMPAT.getOrDefault(arch, List.of()) : List.of();
  }

  /** Every package arch one of {@code arches} may take (multilib for those in {@code multilib}). */
  static java.util.Set<String> packageArches(
      java.util.Collection<String> arches, java.util.Collection<String> multilib) {
    java.util.Set<String> out = new java.util.TreeSet<>();
    out.add("noarch");
    for (String arch : arches) {
      ArchPolicy p = new ArchPolicy(arch, multilib.contains(arch));
      out.addAll(p.nativeArches);
      out.addAll(p.compatArches);
    }
    return out;
  }

  Group group(String packageArch) {
    if ("noarch".equals(packageArch)) {
      return Group.NOARCH;
    }
    if (nativeArches.contains(packageArch)) {
      return Group.NATIVE;
    }
    return compatArches.contains(packageArch) ? Group.COMPAT : Group.NONE;
  }

  /** Best first within the package's group: 0 for the arch itself, noarch after native ones. */
  int rankInGroup(String packageArch) {
    int i = nativeArches.indexOf(packageArch);
    if (i >= 0) {
      return i;
    }
    i = compatArches.indexOf(packageArch);
    return i >= 0 ? i : nativeArches.size();
  }
}
