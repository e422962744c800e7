package org.odcsj.modulemd;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading and copying the plain maps, lists and scalars a YAML document loads into. */
final class YamlTree {

  private YamlTree() {}

  /** A deep, mutable copy (maps keep their order). */
  static Object copy(Object node) {
    if (node instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
      return copy;
    }
    if (node instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(copy(v)));
      return copy;
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String what) {
    if (node instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new ModulemdException(what + " is not a mapping");
  }

  /** The mapping under {@code key}, created when absent. */
  static Map<String, Object> mapAt(Map<String, Object> parent, String key, String what) {
    Object node = parent.get(key);
    if (node == null) {
      Map<String, Object> created = new LinkedHashMap<>();
      parent.put(key, created);
      return created;
    }
    return map(node, what + "." + key);
  }

  /** A scalar as text ("8" for a stream the YAML left unquoted), or null when absent. */
  static String text(Map<String, Object> parent, String key, String what) {
    Object node = parent.get(key);
    if (node == null) {
      return null;
    }
    if (node instanceof Map || node instanceof List) {
      throw new ModulemdException(what + "." + key + " is not a scalar");
    }
    return String.valueOf(node);
  }

  /** A whole number that may exceed 2^53 (never read through a double). */
  static Long number(Map<String, Object> parent, String key, String what) {
    Object node = parent.get(key);
    if (node == null) {
      return null;
    }
    if (node instanceof Integer || node instanceof Long) {
      return ((Number) node).longValue();
    }
    try {
      if (node instanceof BigInteger big) {
        return big.longValueExact();
      }
      if (node instanceof String s) {
        return Long.parseLong(s.trim());
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new ModulemdException(what + "." + key + " is not a 64-bit whole number: " + node);
    }
    throw new ModulemdException(what + "." + key + " is not a whole number: " + node);
  }

  /** A sequence of scalars as text; empty when absent. */
  static List<String> texts(Object node, String what) {
    if (node == null) {
      return List.of();
    }
    if (!(node instanceof List<?> list)) {
      throw new ModulemdException(what + " is not a sequence");
    }
    List<String> texts = new ArrayList<>(list.size());
    for (Object item : list) {
      if (item instanceof Map || item instanceof List || item == null) {
        throw new ModulemdException(what + " holds a value that is not a scalar");
      }
      texts.add(String.valueOf(item));
    }
    return texts;
  }
}
