package org.odcsj.security;

/**
 * No acceptable identity on a request that needs one (HTTP 401). The message is shown to the
 * client: it never contains a token, ticket or certificate. {@code challenge} is the {@code
 * WWW-Authenticate} value to send, if any.
 */
public class AuthenticationException extends RuntimeException {

  private final String challenge;

  public AuthenticationException(String message) {
    this(message, null);
  }

  public AuthenticationException(String message, String challenge) {
    super(message);
    this.challenge = challenge;
  }

  public String challenge() {
    return challenge;
  }
}
