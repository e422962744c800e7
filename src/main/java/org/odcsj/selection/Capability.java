package org.odcsj.selection;

import java.util.Objects;

/**
 * One provides/requires/conflicts/obsoletes entry: a name, optionally compared to an {@link Evr}.
 * The name may be a file path ({@code /usr/bin/python3}), a soname ({@code libfoo.so.1()(64bit)})
 * or, for requirements, a whole rich dependency ({@code (a or b)}, see {@link RichDependency}).
 * {@code pre} marks {@code Requires(pre)}; it does not change how the requirement is resolved.
 */
public record Capability(String name, Op op, Evr evr, boolean pre) {

  /** rpm's sense flags: LESS = 2, GREATER = 4, EQUAL = 8. */
  public enum Op {
    LT("<", 2),
    LE("<=", 10),
    EQ("=", 8),
    GE(">=", 12),
    GT(">", 4);

    private final String symbol;
    private final int bits;

    Op(String symbol, int bits) {
      this.symbol = symbol;
      this.bits = bits;
    }

    boolean less() {
      return (bits & 2) != 0;
    }

    boolean greater() {
      return (bits & 4) != 0;
    }

    boolean equal() {
      return (bits & 8) != 0;
    }

    public String symbol() {
      return symbol;
    }

    /** {@code <}, {@code <=}, {@code =} (or {@code ==}), {@code >=}, {@code >}. */
    public static Op ofSymbol(String symbol) {
      return switch (symbol) {
        case "<" -> LT;
        case "<=", "=<" -> LE;
        case "=", "==" -> EQ;
        case ">=", "=>" -> GE;
        case ">" -> GT;
        default -> throw new IllegalArgumentException("not a comparison: " + symbol);
      };
    }

    /** repodata's {@code flags} attribute (LT, LE, EQ, GE, GT); {@code null} for none. */
    public static Op ofRepodataFlags(String flags) {
      return flags == null || flags.isEmpty() ? null : valueOf(flags);
    }
  }

  public Capability {
    Objects.requireNonNull(name, "name");
    if ((op == null) != (evr == null)) {
      throw new IllegalArgumentException("a comparison needs both an operator and a version");
    }
  }

  /** An unversioned capability. */
  public static Capability of(String name) {
    return new Capability(name, null, null, false);
  }

  public static Capability of(String name, Op op, Evr evr) {
    return new Capability(name, op, evr, false);
  }

  /**
   * A relation as repodata and RPM headers give it: {@code flags} {@code LT}…{@code GE} (or none),
   * an epoch that may be missing or not a number (then 0), version and release.
   */
  public static Capability ofRepodata(
      String name, String flags, String epoch, String version, String release, boolean pre) {
    Op op = Op.ofRepodataFlags(flags);
    if (op == null || version == null || version.isEmpty()) {
      return new Capability(name, null, null, pre);
    }
    return new Capability(name, op, new Evr(epochOf(epoch), version, release), pre);
  }

  /** An epoch as repodata or a header gives it: missing or not a number means 0. */
  public static long epochOf(String epoch) {
    if (epoch == null || epoch.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(epoch);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * Parses rpm's notation: {@code "foo"}, {@code "foo >= 1:2.0-3"}, {@code "/usr/bin/sh"}; a string
   * starting with {@code (} is kept whole as a rich dependency.
   */
  public static Capability parse(String text) {
    String s = text.strip();
    if (s.startsWith("(")) {
      return of(s);
    }
    String[] parts = s.split("\\s+");
    return switch (parts.length) {
      case 1 -> of(parts[0]);
      case 3 -> of(parts[0], Op.ofSymbol(parts[1]), Evr.parse(parts[2]));
      default -> throw new IllegalArgumentException("not a capability: " + text);
    };
  }

  public boolean isFile() {
    return name.startsWith("/");
  }

  public boolean isRich() {
    return name.startsWith("(");
  }

  /**
   * Whether {@code provide} (same name, or not) satisfies this requirement: rpm's range overlap
   * ({@code rpmdsCompare}). An unversioned side always overlaps; a missing release matches any
   * release when the other side includes equality.
   */
  public boolean isSatisfiedBy(Capability provide) {
    return name.equals(provide.name) && overlaps(provide);
  }

  /** The version part of {@link #isSatisfiedBy}, names not compared. */
  boolean overlaps(Capability other) {
    if (op == null || other.op == null) {
      return true;
    }
    Evr a = evr;
    Evr b = other.evr;
    int sense = Long.compare(a.epoch(), b.epoch());
    if (sense == 0) {
      sense = RpmVersion.compare(a.version(), b.version());
      if (sense == 0) {
        if (a.release() != null && b.release() != null) {
          sense = RpmVersion.compare(a.release(), b.release());
        } else if ((a.release() != null && other.op.equal())
            || (b.release() != null && op.equal())) {
          return true;
        }
      }
    }
    if (sense < 0) {
      return op.greater() || other.op.less();
    }
    if (sense > 0) {
      return op.less() || other.op.greater();
    }
    return (op.equal() && other.op.equal())
        || (op.less() && other.op.less())
        || (op.greater() && other.op.greater());
  }

  /** As rpm prints it: {@code foo}, {@code foo >= 1:2.0-3}. */
  @Override
  public String toString() {
    return op == null ? name : name + " " + op.symbol() + " " + evr;
  }
}
