package org.odcsj.security.kerberos;

import org.odcsj.security.AuthenticationException;

/**
 * A {@code Negotiate} credential that does not authenticate anyone (HTTP 401, challenge {@code
 * Negotiate}). The message is meant for the client: it names what was wrong, never the token, a key
 * or a password.
 */
public class SpnegoException extends AuthenticationException {

  /** Why the credential was refused. */
  public enum Reason {
    /** No {@code Authorization: Negotiate <token>} value at all. */
    MISSING,
    /** The value is not base64, or not a GSS-API token. */
    MALFORMED,
    /** A well-formed token this service cannot accept: expired, replayed, for another service… */
    REJECTED,
    /** The mechanism wants another round trip, which a stateless HTTP service cannot do. */
    INCOMPLETE,
    /** The service's own Kerberos credentials (keytab) are unusable: not the client's fault. */
    SERVICE_CREDENTIALS
  }

  private final Reason reason;

  SpnegoException(Reason reason, String message, Throwable cause) {
    super(message, "Negotiate");
    this.reason = reason;
    if (cause != null) {
      initCause(cause);
    }
  }

  public Reason reason() {
    return reason;
  }
}
