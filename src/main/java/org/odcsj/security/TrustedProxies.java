package org.odcsj.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Front proxies whose identity headers we believe ({@code odcs.auth.trusted-proxies}: their IP
 * addresses). A proxy that terminates TLS or Kerberos for us (Apache with mod_ssl or
 * mod_auth_gssapi, nginx) passes what it verified in headers; from any other address those headers
 * are ignored, so a client cannot claim an identity by sending them itself.
 */
public final class TrustedProxies {

  /** User principal ({@code user@REALM}) a Kerberos-authenticating proxy verified. */
  public static final String REMOTE_USER = "X-Remote-User";

  /** mod_ssl's {@code SSL_CLIENT_VERIFY} ({@code SUCCESS}, {@code GENEROUS}, ...). */
  public static final String SSL_CLIENT_VERIFY = "X-SSL-Client-Verify";

  /** mod_ssl's {@code SSL_CLIENT_S_DN}: the client certificate's subject DN. */
  public static final String SSL_CLIENT_S_DN = "X-SSL-Client-S-DN";

  private final Set<String> addresses;

  public TrustedProxies(List<String> addresses) {
    this.addresses = Set.copyOf(addresses);
  }

  public boolean isEmpty() {
    return addresses.isEmpty();
  }

  /** The header's value when the request comes from a trusted proxy, else empty. */
  public Optional<String> header(HttpServletRequest request, String name) {
    if (!addresses.contains(request.getRemoteAddr())) {
      return Optional.empty();
    }
    return Optional.ofNullable(request.getHeader(name)).filter(v -> !v.isBlank());
  }

  public boolean trusts(HttpServletRequest request) {
    return addresses.contains(request.getRemoteAddr());
  }
}
