package org.odcsj.security;

import java.util.Set;

/**
 * The identity behind a request. Under {@code noauth} every caller is the anonymous {@code unknown}
 * user to whom no role or permission check applies.
 */
public record Caller(String username, Set<String> groups, boolean noauth) {

  public static final Caller ANONYMOUS = new Caller("unknown", Set.of(), true);

  public Caller {
    groups = Set.copyOf(groups);
  }
}
