package org.odcsj.output;

/**
 * Makes header strings safe for XML 1.0: control characters other than tab, newline and carriage
 * return, unpaired surrogates and U+FFFE/U+FFFF cannot appear in an XML document at all (not even
 * escaped), and an RPM header may contain them; they are dropped.
 */
final class XmlText {
  private XmlText() {}

  static String clean(String s) {
    if (s == null) {
      return "";
    }
    for (int i = 0; i < s.length(); i++) {
      if (!allowed(s, i)) {
        return strip(s);
      }
    }
    return s;
  }

  private static String strip(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      if (allowed(s, i)) {
        out.append(s.charAt(i));
      }
    }
    return out.toString();
  }

  private static boolean allowed(String s, int i) {
    char c = s.charAt(i);
    if (c < 0x20) {
      return c == '\t' || c == '\n' || c == '\r';
    }
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    if (Character.isLowSurrogate(c)) {
      return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
    return c != 0xFFFE && c != 0xFFFF;
  }
}
