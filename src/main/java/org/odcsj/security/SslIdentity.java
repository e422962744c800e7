package org.odcsj.security;

import jakarta.servlet.http.HttpServletRequest;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;

/**
 * {@code ssl}: the caller is the subject DN of the TLS client certificate (RFC 2253, as mod_ssl's
 * {@code SSL_CLIENT_S_DN}: {@code CN=client,L=prod,DC=example,DC=com}); groups are always empty, so
 * the policy names DNs in {@code users}. The certificate comes from our own HTTPS listener (the
 * container verified it against the trust store) or, from a trusted proxy, from its headers.
 */
final class SslIdentity {

  private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";

  private final TrustedProxies proxies;

  SslIdentity(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  Caller load(HttpServletRequest request) {
    String verify;
    Optional<String> dn;
    if (request.getAttribute(CERTIFICATES) instanceof X509Certificate[] chain && chain.length > 0) {
      verify = "SUCCESS";
      dn =
          Optional.of(chain[0].getSubjectX500Principal().getName(X500Principal.RFC2253))
              .filter(s -> !s.isEmpty());
    } else if (proxies.trusts(request)) {
      verify = proxies.header(request, TrustedProxies.SSL_CLIENT_VERIFY).orElse("None");
      dn = proxies.header(request, TrustedProxies.SSL_CLIENT_S_DN);
    } else {
      verify = "None";
      dn = Optional.empty();
    }
    if (!verify.equals("SUCCESS")) {
      throw new AuthenticationException("Cannot verify client: " + verify);
    }
    return new Caller(
        dn.orElseThrow(
            () ->
                new AuthenticationException(
                    "Unable to get user information (DN) from client certificate")),
        Set.of(),
        false);
  }
}
