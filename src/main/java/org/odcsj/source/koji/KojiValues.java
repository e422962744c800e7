package org.odcsj.source.koji;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Reads members of a hub's struct with the types Koji documents, naming what is wrong. */
final class KojiValues {
  private KojiValues() {}

  static Map<?, ?> struct(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return map;
    }
    throw new IllegalArgumentException(what + " is not a struct but " + kind(value));
  }

  static List<?> list(Object value, String what) {
    if (value instanceof List<?> list) {
      return list;
    }
    throw new IllegalArgumentException(what + " is not an array but " + kind(value));
  }

  static long requiredLong(Map<?, ?> map, String key) {
    Long value = optionalLong(map, key);
    if (value == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return value;
  }

  static Long optionalLong(Map<?, ?> map, String key) {
    Object value = map.get(key);
    if (value == null || value instanceof Long) {
      return (Long) value;
    }
    throw new IllegalArgumentException(key + " is not an integer but " + kind(value));
  }

  static String requiredString(Map<?, ?> map, String key) {
    String value = optionalString(map, key);
    if (value == null) {
      throw new IllegalArgumentException("missing " + key);
    }
    return value;
  }

  static String optionalString(Map<?, ?> map, String key) {
    Object value = map.get(key);
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw new IllegalArgumentException(key + " is not a string but " + kind(value));
  }

  static boolean flag(Map<?, ?> map, String key) {
    return Boolean.TRUE.equals(map.get(key));
  }

  /** Space-separated words ({@code arches}), or the strings of an array; nil is empty. */
  static List<String> words(Map<?, ?> map, String key) {
    Object value = map.get(key);
    if (value == null) {
      return List.of();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(String::valueOf).toList();
    }
    String text = value.toString().trim();
    return text.isEmpty() ? List.of() : Arrays.asList(text.split("\\s+"));
  }

  /** The {@code <prefix>_ts} double when present, else the {@code <prefix>_time} string. */
  static Instant time(Map<?, ?> map, String prefix) {
    if (map.get(prefix + "_ts") instanceof Double ts) {
      return KojiTime.ofEpochSeconds(ts);
    }
    String text = optionalString(map, prefix + "_time");
    return text == null ? null : KojiTime.parse(text);
  }

  private static String kind(Object value) {
    return value == null ? "nil" : value.getClass().getSimpleName();
  }
}
