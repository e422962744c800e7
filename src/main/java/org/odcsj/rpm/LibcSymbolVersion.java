package org.odcsj.rpm;

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

  /** rpm's rpmvercmp: -1, 0 or 1 (the one implementation lives in the selection engine). */
  static int rpmvercmp(String a, String b) {
    return Integer.signum(org.odcsj.selection.RpmVersion.compare(a, b));
  }
}
