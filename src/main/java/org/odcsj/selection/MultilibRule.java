package org.odcsj.selection;

import java.util.Set;

/**
 * Whether a compat-arch package qualifies under a set of {@link MultilibMethod}s (Pungi's tests).
 */
final class MultilibRule {
  private static final Set<String> LIB_DIRS = Set.of("/lib", "/lib64", "/usr/lib", "/usr/lib64");

  private final Set<MultilibMethod> methods;

  MultilibRule(Set<MultilibMethod> methods) {
    this.methods = methods;
  }

  boolean isEmpty() {
    return methods.isEmpty();
  }

  boolean accepts(Candidate c) {
    return methods.contains(MultilibMethod.ALL)
        || (methods.contains(MultilibMethod.DEVEL) && isDevel(c.name()))
        || (methods.contains(MultilibMethod.RUNTIME) && shipsSharedLibrary(c));
  }

  static boolean isDevel(String name) {
    return name.endsWith("-devel") || name.endsWith("-static");
  }

  /** A file matching {@code *.so.*} directly in /lib, /lib64, /usr/lib or /usr/lib64. */
  static boolean shipsSharedLibrary(Candidate c) {
    for (String path : c.files()) {
      int slash = path.lastIndexOf('/');
      if (slash > 0
          && path.indexOf(".so.", slash) >= 0
          && LIB_DIRS.contains(path.substring(0, slash))) {
        return true;
      }
    }
    return false;
  }
}
