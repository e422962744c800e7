package org.odcsj.source.koji;

/**
 * The event-order half of "may this compose be reused?", which needs no Koji: never reuse a compose
 * made at a newer event than the request asks for. A renewal of a year-old compose names its old
 * event; a compose made last week at a newer event may hold other packages.
 */
public final class KojiEventOrder {
  private KojiEventOrder() {}

  /**
   * Whether a compose made at {@code composed} may serve a request for {@code requested} (null: the
   * request names no event, so it wants "now", which is never older).
   */
  public static boolean mayReuse(long composed, Long requested) {
    return requested == null || requested >= composed;
  }
}
