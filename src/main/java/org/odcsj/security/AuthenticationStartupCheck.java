package org.odcsj.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;

/**
 * Builds the authentication backend and the access policy when the application starts, so that an
 * unknown backend, an incomplete Kerberos/LDAP setting or a broken policy file stops the deployment
 * with ODCS's message instead of surfacing on the first write request.
 */
@ApplicationScoped
public class AuthenticationStartupCheck {

  void atStart(
      @Observes @Initialized(ApplicationScoped.class) Object started,
      ConfiguredCallerResolver resolver,
      Authorization authorization) {
    resolver.backend();
    authorization.policy();
  }
}
