package org.odcsj.rpm;

import java.util.Optional;
import org.eclipse.packager.rpm.RpmBaseTag;
import org.eclipse.packager.rpm.parse.InputHeader;

/**
 * Typed access to an Eclipse Packager header by tag number. Its raw values vary with the entry's
 * count (a single {@code Integer} for one value, {@code Integer[]} for several) and type (I18N
 * strings come as {@code String[]}); this hides that, and reads integers as unsigned as rpm does.
 */
final class HeaderTags {
  private final InputHeader<? extends RpmBaseTag> header;

  HeaderTags(InputHeader<? extends RpmBaseTag> header) {
    this.header = header;
  }

  boolean has(int tag) {
    return header.getOptionalTag(tag).isPresent();
  }

  /** The first string of a STRING, I18N_STRING or STRING_ARRAY tag, or {@code ""}. */
  String string(int tag) {
    Object v = raw(tag).orElse(null);
    if (v instanceof String s) {
      return s;
    }
    if (v instanceof String[] a && a.length > 0) {
      return a[0];
    }
    return "";
  }

  /** A STRING_ARRAY (or single STRING) tag, empty when absent. */
  String[] strings(int tag) {
    Object v = raw(tag).orElse(null);
    if (v instanceof String[] a) {
      return a;
    }
    if (v instanceof String s) {
      return new String[] {s};
    }
    return new String[0];
  }

  /** An integer tag of any width, as unsigned values; empty when absent. */
  long[] numbers(int tag) {
    Object v = raw(tag).orElse(null);
    if (v == null) {
      return new long[0];
    }
    if (v instanceof Object[] a) {
      long[] out = new long[a.length];
      for (int i = 0; i < a.length; i++) {
        out[i] = unsigned(a[i]);
      }
      return out;
    }
    return new long[] {unsigned(v)};
  }

  /** The first value of an integer tag, if present. */
  Optional<Long> number(int tag) {
    long[] values = numbers(tag);
    return values.length == 0 ? Optional.empty() : Optional.of(values[0]);
  }

  byte[] blob(int tag) {
    Object v = raw(tag).orElse(null);
    return v instanceof byte[] b ? b : null;
  }

  private Optional<Object> raw(int tag) {
    return header.getOptionalTag(tag);
  }

  private static long unsigned(Object v) {
    if (v instanceof Integer i) {
      return Integer.toUnsignedLong(i);
    }
    if (v instanceof Short s) {
      return Short.toUnsignedLong(s);
    }
    if (v instanceof Byte b) {
      return Byte.toUnsignedLong(b);
    }
    if (v instanceof Long l) {
      return l;
    }
    throw new IllegalArgumentException("not an integer header value: " + v);
  }
}
