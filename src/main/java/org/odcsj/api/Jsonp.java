package org.odcsj.api;

import jakarta.json.spi.JsonProvider;

/**
 * The application's one JSON-P provider. Each static {@code jakarta.json.Json} call looks the
 * provider up again through the web-app class loader (a resource scan per JSON value built), which
 * dominated request threads under load; this lookup happens once.
 */
public final class Jsonp {

  /** Use instead of the static {@code jakarta.json.Json} methods. */
  public static final JsonProvider JSON = JsonProvider.provider();

  private Jsonp() {}
}
