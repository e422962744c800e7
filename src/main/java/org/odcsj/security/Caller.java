package org.odcsj.security;

import java.util.Set;

/**
 * The identity behind a request. Under {@code noauth} every caller is the anonymous {@code unknown}
 * user to whom no role or permission check applies. {@code scopes} are the OIDC scopes of the
 * caller's token, or null when the backend has no scopes (then no scope check applies).
 */
public record Caller(String username, Set<String> groups, boolean noauth, Set<String> scopes) {

  public static final Caller ANONYMOUS = new Caller("unknown", Set.of(), true);

  public Caller {
    groups = Set.copyOf(groups);
    scopes = scopes == null ? null : Set.copyOf(scopes);
  }

  /** An authenticated caller of a backend without scopes (kerberos, ssl). */
  public Caller(String username, Set<String> groups, boolean noauth) {
    this(username, groups, noauth, null);
  }
}
