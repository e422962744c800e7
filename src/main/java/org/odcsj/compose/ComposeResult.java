package org.odcsj.compose;

import java.util.ArrayList;
import java.util.List;

/** Compose results as the ODCS bit mask; the declaration order is the JSON rendering order. */
public enum ComposeResult {
  REPOSITORY(1, "repository"),
  ISO(2, "iso"),
  OSTREE(4, "ostree"),
  BOOT_ISO(8, "boot.iso");

  private final int bit;
  private final String wireName;

  ComposeResult(int bit, String wireName) {
    this.bit = bit;
    this.wireName = wireName;
  }

  public int bit() {
    return bit;
  }

  public String wireName() {
    return wireName;
  }

  public static List<String> names(int mask) {
    List<String> names = new ArrayList<>();
    for (ComposeResult r : values()) {
      if ((mask & r.bit) != 0) {
        names.add(r.wireName);
      }
    }
    return names;
  }
}
