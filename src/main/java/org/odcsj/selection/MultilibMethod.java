package org.odcsj.selection;

import java.util.EnumSet;
import java.util.Set;

/**
 * ODCS's {@code multilib_method} bits: which packages of a compat arch (i686 on x86_64) join the
 * repository of a multilib arch. Pungi's meaning (the ODCS documentation swaps runtime and devel).
 */
public enum MultilibMethod {
  /** Packages shipping shared libraries ({@code *.so.*} directly in a lib directory). */
  RUNTIME(1),
  /** Packages named {@code *-devel} or {@code *-static}. */
  DEVEL(2),
  /** Every package of the compat arch. */
  ALL(4);

  private final int bit;

  MultilibMethod(int bit) {
    this.bit = bit;
  }

  public int bit() {
    return bit;
  }

  /** The methods in ODCS's bit mask ({@code 0} = none); unknown bits are an error. */
  public static Set<MultilibMethod> fromMask(int mask) {
    if ((mask & ~7) != 0) {
      throw new IllegalArgumentException("unknown multilib_method bits in " + mask);
    }
    Set<MultilibMethod> methods = EnumSet.noneOf(MultilibMethod.class);
    for (MultilibMethod m : values()) {
      if ((mask & m.bit) != 0) {
        methods.add(m);
      }
    }
    return methods;
  }

  public static int toMask(Set<MultilibMethod> methods) {
    return methods.stream().mapToInt(MultilibMethod::bit).reduce(0, (a, b) -> a | b);
  }
}
