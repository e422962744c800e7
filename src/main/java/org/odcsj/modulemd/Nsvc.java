package org.odcsj.modulemd;

import java.util.Objects;
import java.util.Optional;

/**
 * A module as a compose request names it: {@code NAME:STREAM}, {@code NAME:STREAM:VERSION} or
 * {@code NAME:STREAM:VERSION:CONTEXT}. The version is a number (real ones exceed 2^53, so a long).
 */
public record Nsvc(String name, String stream, Long version, String context) {

  public Nsvc {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stream, "stream");
    if (context != null && version == null) {
      throw new IllegalArgumentException("a context needs a version");
    }
  }

  /** The full identity of a module build. */
  public static Nsvc of(String name, String stream, long version, String context) {
    return new Nsvc(name, stream, version, Objects.requireNonNull(context, "context"));
  }

  /**
   * Parses {@code N:S[:V[:C]]}; {@link IllegalArgumentException} with a message a user can read
   * when it is none of these.
   */
  public static Nsvc parse(String text) {
    String[] parts = text.split(":", -1);
    if (parts.length < 2 || parts.length > 4) {
      throw new IllegalArgumentException(
          "Module definition must be in 'n:s', 'n:s:v' or 'n:s:v:c' format, but got " + text);
    }
    for (String part : parts) {
      if (part.isEmpty() || !part.chars().allMatch(Nsvc::allowed)) {
        throw new IllegalArgumentException(
            "Module definition must be in 'n:s', 'n:s:v' or 'n:s:v:c' format, but got " + text);
      }
    }
    Long version = null;
    if (parts.length >= 3) {
      try {
        version = Long.parseUnsignedLong(parts[2]);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "Module version must be a number, but got " + parts[2] + " in " + text);
      }
      if (version < 0) {
        throw new IllegalArgumentException("Module version is too large in " + text);
      }
    }
    return new Nsvc(parts[0], parts[1], version, parts.length == 4 ? parts[3] : null);
  }

  private static boolean allowed(int c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '+';
  }

  /** {@code N:S}. */
  public String nameStream() {
    return name + ":" + stream;
  }

  /** Whether all four parts are given. */
  public boolean complete() {
    return context != null;
  }

  public Optional<Long> versionIfGiven() {
    return Optional.ofNullable(version);
  }

  /** The same module with another name (e.g. a {@code -devel} name without its suffix). */
  public Nsvc withName(String newName) {
    return new Nsvc(newName, stream, version, context);
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(nameStream());
    if (version != null) {
      text.append(':').append(Long.toUnsignedString(version));
    }
    if (context != null) {
      text.append(':').append(context);
    }
    return text.toString();
  }
}
