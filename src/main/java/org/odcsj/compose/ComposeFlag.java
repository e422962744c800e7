package org.odcsj.compose;

import java.util.ArrayList;
import java.util.List;

/** Compose flags as the ODCS bit mask; the declaration order is the JSON rendering order. */
public enum ComposeFlag {
  NO_DEPS(1),
  NO_INHERITANCE(2),
  INCLUDE_UNPUBLISHED_PULP_REPOS(4),
  CHECK_DEPS(8),
  INCLUDE_DONE_MODULES(16),
  IGNORE_ABSENT_PULP_REPOS(32),
  NO_REUSE(64),
  USE_ONLY_COMPATIBLE_ARCH(128);

  private final int bit;

  ComposeFlag(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static List<String> names(int mask) {
    List<String> names = new ArrayList<>();
    for (ComposeFlag f : values()) {
      if ((mask & f.bit) != 0) {
        names.add(f.wireName());
      }
    }
    return names;
  }
}
