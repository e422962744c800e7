package org.odcsj.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code kerberos}: the caller of an {@code Authorization: Negotiate} (SPNEGO) request, or the
 * principal a trusted Kerberos-terminating proxy passes ({@code X-Remote-User}, as
 * mod_auth_gssapi's {@code REMOTE_USER}). The user name is the principal without its realm; groups
 * come from LDAP when configured.
 */
public final class KerberosIdentity {

  static final String NEGOTIATE = "Negotiate";

  /**
   * Request attribute holding the {@code WWW-Authenticate: Negotiate <token>} value that completes
   * mutual authentication; the API adds it to its answer.
   */
  public static final String RESPONSE_CHALLENGE = "org.odcsj.security.negotiate-response";

  /** The client principal ({@code user@REALM}) and the acceptor's answer token, if any. */
  record Negotiated(String principal, java.util.Optional<String> wwwAuthenticate) {}

  /** Verifies a SPNEGO token. */
  interface Negotiator {
    Negotiated accept(String base64Token);
  }

  private final Negotiator negotiator;
  private final Function<String, Set<String>> groups;
  private final TrustedProxies proxies;

  KerberosIdentity(
      Negotiator negotiator, Function<String, Set<String>> groups, TrustedProxies proxies) {
    this.negotiator = negotiator;
    this.groups = groups;
    this.proxies = proxies;
  }

  /** Whether the request carries Kerberos credentials at all (for kerberos_or_ssl). */
  boolean present(HttpServletRequest request) {
    return negotiateToken(request).isPresent()
        || proxies.header(request, TrustedProxies.REMOTE_USER).isPresent();
  }

  Caller load(HttpServletRequest request) {
    Optional<String> token = negotiateToken(request);
    String principal;
    if (token.isPresent()) {
      Negotiated negotiated = negotiator.accept(token.get());
      principal = negotiated.principal();
      negotiated.wwwAuthenticate().ifPresent(v -> request.setAttribute(RESPONSE_CHALLENGE, v));
    } else {
      principal =
          proxies
              .header(request, TrustedProxies.REMOTE_USER)
              .orElseThrow(
                  () ->
                      new AuthenticationException(
                          "REMOTE_USER is not present in request.", NEGOTIATE));
    }
    int at = principal.indexOf('@');
    String username = at < 0 ? principal : principal.substring(0, at);
    if (username.isBlank()) {
      throw new AuthenticationException("Invalid Kerberos principal.", NEGOTIATE);
    }
    return new Caller(username, groups.apply(username), false);
  }

  private static Optional<String> negotiateToken(HttpServletRequest request) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, NEGOTIATE + " ", 0, 10)) {
      return Optional.empty();
    }
    return Optional.of(header.substring(10).trim()).filter(t -> !t.isEmpty());
  }
}
