package org.odcsj.selection;

import java.util.Objects;

/**
 * {@code [epoch:]version[-release]}. A missing epoch is 0 (as rpm and dnf treat it); a missing
 * release ({@code null}) only occurs in capabilities ({@code foo >= 1.0}) and then matches any
 * release where rpm says it does (see {@link Capability#isSatisfiedBy}).
 */
public record Evr(long epoch, String version, String release) implements Comparable<Evr> {
  public Evr {
    Objects.requireNonNull(version, "version");
  }

  /** {@code "1:2.0-3"}, {@code "2.0-3"}, {@code "2.0"}; an unparsable epoch is an error. */
  public static Evr parse(String s) {
    long epoch = 0;
    String rest = s;
    int colon = s.indexOf(':');
    if (colon >= 0) {
      String e = s.substring(0, colon);
      epoch = e.isEmpty() ? 0 : Long.parseLong(e);
      rest = s.substring(colon + 1);
    }
    int dash = rest.lastIndexOf('-');
    if (dash < 0) {
      return new Evr(epoch, rest, null);
    }
    String release = rest.substring(dash + 1);
    return new Evr(epoch, rest.substring(0, dash), release.isEmpty() ? null : release);
  }

  /** rpm's package order: epoch, then version, then release, each by {@link RpmVersion}. */
  @Override
  public int compareTo(Evr other) {
    int c = Long.compare(epoch, other.epoch);
    if (c == 0) {
      c = RpmVersion.compare(version, other.version);
    }
    if (c == 0) {
      c =
          RpmVersion.compare(
              release == null ? "" : release, other.release == null ? "" : other.release);
    }
    return c;
  }

  /** As rpm prints it: the epoch only when not 0. */
  @Override
  public String toString() {
    return (epoch != 0 ? epoch + ":" : "") + version + (release != null ? "-" + release : "");
  }
}
