package org.odcsj.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import org.odcsj.config.OdcsConfig;

/**
 * The caller according to {@code odcs.auth.backend}. Only {@code noauth} exists so far; the other
 * ODCS backends (openidc, kerberos, ssl) come with the authentication work and until then refuse
 * every write request rather than letting it through anonymously.
 */
@ApplicationScoped
public class ConfiguredCallerResolver implements CallerResolver {

  @Inject OdcsConfig config;

  @Override
  public Caller resolve(HttpServletRequest request) {
    String backend = config.authBackend();
    if (backend.equals("noauth")) {
      return Caller.ANONYMOUS;
    }
    throw new AuthenticationException(
        "Authentication backend \"" + backend + "\" is not available in this version");
  }
}
