package org.odcsj.api;

import jakarta.json.spi.JsonProvider;
import jakarta.json.stream.JsonGeneratorFactory;
import java.util.Map;

/**
 * The application's one JSON-P provider. Each static {@code jakarta.json.Json} call looks the
 * provider up again through the web-app class loader (a resource scan per JSON value built), which
 * dominated request threads under load; this lookup happens once.
 */
public final class Jsonp {

  /** Use instead of the static {@code jakarta.json.Json} methods. */
  public static final JsonProvider JSON = JsonProvider.provider();

  /** Compact UTF-8 generators, as JAX-RS writes a JsonObject (configured once, not per body). */
  public static final JsonGeneratorFactory GENERATORS = JSON.createGeneratorFactory(Map.of());

  private Jsonp() {}
}
