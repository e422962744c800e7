package org.odcsj.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;
import org.odcsj.security.KerberosIdentity;

/**
 * Completes SPNEGO mutual authentication: the acceptor's answer token, if the Kerberos backend
 * produced one, goes back in {@code WWW-Authenticate: Negotiate <token>} (as mod_auth_gssapi does),
 * so clients that insist on mutual authentication (curl, requests-gssapi) are satisfied.
 */
@Provider
public class MutualAuthentication implements ContainerResponseFilter {

  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (servletRequest.getAttribute(KerberosIdentity.RESPONSE_CHALLENGE) instanceof String value
        && !response.getHeaders().containsKey("WWW-Authenticate")) {
      response.getHeaders().add("WWW-Authenticate", value);
    }
  }
}
