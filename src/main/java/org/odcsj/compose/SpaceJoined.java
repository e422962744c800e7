package org.odcsj.compose;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A list-like ODCS input as ODCS stores it: its items joined by spaces in one column (packages,
 * builds, arches, sigkeys …). {@code null} (not a SpaceJoined) means "not given".
 */
public record SpaceJoined(String joined) {

  public SpaceJoined {
    Objects.requireNonNull(joined, "joined");
  }

  /** {@code null} for {@code null}. */
  public static SpaceJoined of(String joined) {
    return joined == null ? null : new SpaceJoined(joined);
  }

  public static SpaceJoined of(List<String> items) {
    return new SpaceJoined(String.join(" ", items));
  }

  /** The stored text of {@code s}, {@code null} when not given. */
  public static String text(SpaceJoined s) {
    return s == null ? null : s.joined;
  }

  /** The items of {@code s}, none when not given. */
  public static List<String> items(SpaceJoined s) {
    return s == null
        ? List.of()
        : Arrays.stream(s.joined.split("\\s+")).filter(t -> !t.isEmpty()).toList();
  }

  /** The items as a set: reuse compares list-like inputs regardless of order. */
  public static Set<String> itemSet(SpaceJoined s) {
    return items(s).stream().collect(Collectors.toSet());
  }

  /**
   * Sigkeys: {@code "123 "} means {@code ["123", ""]} — the empty key allows unsigned packages and
   * must survive the split.
   */
  public static List<String> sigkeys(SpaceJoined s) {
    return s == null || s.joined.isEmpty() ? List.of() : List.of(s.joined.split(" ", -1));
  }

  @Override
  public String toString() {
    return joined;
  }
}
