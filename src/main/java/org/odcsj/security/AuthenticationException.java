package org.odcsj.security;

/** No acceptable identity on a request that needs one (HTTP 401). */
public class AuthenticationException extends RuntimeException {
  public AuthenticationException(String message) {
    super(message);
  }
}
