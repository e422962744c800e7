package org.odcsj.output;

/**
 * createrepo_c keeps only the highest of a package's {@code libc.so.6(GLIBC_x.y)} requirements
 * (they imply each other); this is its comparison of two such names, with rpm's version compare.
 */
final class LibcSymbolVersion {
  private LibcSymbolVersion() {}

  /**
   * 0 when equal, 1 when the first is higher, 2 when the second is higher (createrepo_c's code).
   */
  static int compare(String dep1, String dep2) {
    if (dep1.equals(dep2)) {
      return 0;
    }
    int open1 = dep1.indexOf('(');
    int open2 = dep2.indexOf('(');
    if (open1 < 0 && open2 < 0) {
      return 0;
    }
    if (open1 < 0) {
      return 2;
    }
    if (open2 < 0) {
      return 1;
    }
    int close1 = dep1.indexOf(')', open1);
    int close2 = dep2.indexOf(')', open2);
    if (close1 < 0 && close2 < 0) {
      return 0;
    }
    if (close1 < 0) {
      return 2;
    }
    if (close2 < 0) {
      return 1;
    }
    int v1 = firstDigit(dep1, open1 + 1);
    int v2 = firstDigit(dep2, open2 + 1);
    if (v1 > close1 && v2 > close2) {
      return 0;
    }
    if (v1 > close1) {
      return 2;
    }
    if (v2 > close2) {
      return 1;
    }
    int cmp = rpmvercmp(dep1.substring(v1, close1), dep2.substring(v2, close2));
    return cmp < 0 ? 2 : cmp;
  }

  private static int firstDigit(String s, int from) {
    int i = from;
    while (i < s.length() && !Character.isDigit(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** rpm's rpmvercmp: -1, 0 or 1. */
  static int rpmvercmp(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    while (i < a.length() || j < b.length()) {
      while (i < a.length() && !isAlnum(a.charAt(i)) && a.charAt(i) != '~' && a.charAt(i) != '^') {
        i++;
      }
      while (j < b.length() && !isAlnum(b.charAt(j)) && b.charAt(j) != '~' && b.charAt(j) != '^') {
        j++;
      }
      char ca = i < a.length() ? a.charAt(i) : 0;
      char cb = j < b.length() ? b.charAt(j) : 0;
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
        if (i >= a.length()) {
          return -1;
        }
        if (j >= b.length()) {
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
      if (i >= a.length() || j >= b.length()) {
        break;
      }
      boolean numeric = isDigit(ca);
      int si = i;
      int sj = j;
      while (i < a.length() && (numeric ? isDigit(a.charAt(i)) : isAlpha(a.charAt(i)))) {
        i++;
      }
      while (j < b.length() && (numeric ? isDigit(b.charAt(j)) : isAlpha(b.charAt(j)))) {
        j++;
      }
      if (sj == j) {
        return numeric ? 1 : -1; // segments of different kinds: numeric is newer
      }
      String sa = a.substring(si, i);
      String sb = b.substring(sj, j);
      if (numeric) {
        sa = sa.replaceFirst("^0+", "");
        sb = sb.replaceFirst("^0+", "");
        if (sa.length() != sb.length()) {
          return sa.length() > sb.length() ? 1 : -1;
        }
      }
      int c = sa.compareTo(sb);
      if (c != 0) {
        return c < 0 ? -1 : 1;
      }
    }
    if (i >= a.length() && j >= b.length()) {
      return 0;
    }
    return i >= a.length() ? -1 : 1;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAlpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isAlnum(char c) {
    return isDigit(c) || isAlpha(c);
  }
}
