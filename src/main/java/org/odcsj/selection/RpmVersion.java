package org.odcsj.selection;

/**
 * rpm's {@code rpmvercmp}, character for character: versions split into alternating numeric and
 * alphabetic segments (other characters only separate), numbers compared by value (leading zeros
 * ignored, any length), a numeric segment newer than an alphabetic one, {@code ~} older than
 * anything (pre-releases, {@code 1.0~rc1 < 1.0}) and {@code ^} newer than the base version but
 * older than any further segment ({@code 1.0 < 1.0^git1 < 1.0.1}). Only ASCII letters and digits
 * count, as in rpm.
 */
public final class RpmVersion {
  private RpmVersion() {}

  /** Negative, zero or positive as {@code a} is older than, equal to or newer than {@code b}. */
  public static int compare(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int la = a.length();
    int lb = b.length();
    int i = 0;
    int j = 0;
    while (i < la || j < lb) {
      while (i < la && isSeparator(a.charAt(i))) {
        i++;
      }
      while (j < lb && isSeparator(b.charAt(j))) {
        j++;
      }
      char ca = i < la ? a.charAt(i) : 0;
      char cb = j < lb ? b.charAt(j) : 0;
      if (ca == '~' || cb == '~') {
        if (ca != '~') {
          return 1;
        }
        if (cb != '~') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (ca == '^' || cb == '^') {
        if (i >= la) {
          return -1;
        }
        if (j >= lb) {
          return 1;
        }
        if (ca != '^') {
          return 1;
        }
        if (cb != '^') {
          return -1;
        }
        i++;
        j++;
        continue;
      }
      if (i >= la || j >= lb) {
        break;
      }
      int startA = i;
      int startB = j;
      boolean numeric = isDigit(ca);
      if (numeric) {
        while (i < la && isDigit(a.charAt(i))) {
          i++;
        }
        while (j < lb && isDigit(b.charAt(j))) {
          j++;
        }
      } else {
        while (i < la && isAlpha(a.charAt(i))) {
          i++;
        }
        while (j < lb && isAlpha(b.charAt(j))) {
          j++;
        }
      }
      if (startB == j) {
        return numeric ? 1 : -1; // segments of different types: the numeric one is newer
      }
      if (numeric) {
        while (startA < i && a.charAt(startA) == '0') {
          startA++;
        }
        while (startB < j && b.charAt(startB) == '0') {
          startB++;
        }
        int byLength = Integer.compare(i - startA, j - startB);
        if (byLength != 0) {
          return byLength;
        }
      }
      int rc = compareRange(a, startA, i, b, startB, j);
      if (rc != 0) {
        return rc;
      }
    }
    if (i >= la && j >= lb) {
      return 0;
    }
    return i >= la ? -1 : 1;
  }

  /** strcmp of {@code a[fromA, toA)} and {@code b[fromB, toB)}, as -1, 0 or 1. */
  private static int compareRange(String a, int fromA, int toA, String b, int fromB, int toB) {
    while (fromA < toA && fromB < toB) {
      int d = a.charAt(fromA++) - b.charAt(fromB++);
      if (d != 0) {
        return d < 0 ? -1 : 1;
      }
    }
    return Integer.compare(toA - fromA, toB - fromB);
  }

  private static boolean isSeparator(char c) {
    return !isDigit(c) && !isAlpha(c) && c != '~' && c != '^';
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
