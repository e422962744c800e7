package org.odcsj.selection;

import java.util.List;

/** Long lists in user-facing reasons: the first few, then how many more. */
final class Messages {
  /** At most this many items are spelled out in a reason. */
  static final int CAP = 50;

  private Messages() {}

  static String capped(List<String> items, String separator) {
    if (items.size() <= CAP) {
      return String.join(separator, items);
    }
    return String.join(separator, items.subList(0, CAP)) + " and " + (items.size() - CAP) + " more";
  }
}
