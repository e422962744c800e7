package org.odcsj.security;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Finds the caller of a request. The configured authentication backend provides the implementation;
 * tests replace it with a CDI alternative that never ships in the WAR.
 */
public interface CallerResolver {

  /**
   * The caller of a write request.
   *
   * @throws AuthenticationException (401) when the backend requires an identity and has none
   */
  Caller resolve(HttpServletRequest request);
}
