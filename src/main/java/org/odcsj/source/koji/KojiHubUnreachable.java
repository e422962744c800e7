package org.odcsj.source.koji;

import java.net.URI;

/**
 * The hub did not answer after every attempt: no connection, no answer in time, or only 5xx
 * answers. The message names the hub, the attempts and the last cause, and reads as a compose's
 * {@code state_reason} that tells an operator where to look, e.g. {@code Koji hub
 * https://koji.example.com/kojihub unreachable after 4 attempts: Connection refused (call
 * getLastEvent)}.
 */
public final class KojiHubUnreachable extends KojiException {
  private static final long serialVersionUID = 1L;

  private final int attempts;

  public KojiHubUnreachable(URI hub, String method, int attempts, String cause, Throwable e) {
    super(
        method,
        e,
        "Koji hub "
            + hub
            + " unreachable after "
            + attempts
            + (attempts == 1 ? " attempt: " : " attempts: ")
            + cause
            + " (call "
            + method
            + ")");
    this.attempts = attempts;
  }

  public int attempts() {
    return attempts;
  }
}
