package org.odcsj.selection;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Names in {@code packages} may be shell globs ({@code *}, {@code ?}, {@code [..]}), as in ODCS.
 */
final class PackagePatterns {
  private PackagePatterns() {}

  static boolean isGlob(String pattern) {
    return pattern.indexOf('*') >= 0 || pattern.indexOf('?') >= 0 || pattern.indexOf('[') >= 0;
  }

  /** fnmatch semantics over a whole package name. */
  static Predicate<String> matcher(String pattern) {
    if (!isGlob(pattern)) {
      return pattern::equals;
    }
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        case '[' -> {
          int close = pattern.indexOf(']', i + 2);
          if (close < 0) {
            regex.append("\\[");
          } else {
            String set = pattern.substring(i + 1, close);
            if (set.startsWith("!")) {
              set = "^" + set.substring(1);
            }
            regex.append('[').append(set.replace("\\", "\\\\")).append(']');
            i = close;
          }
        }
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString()).asMatchPredicate();
  }
}
