package org.odcsj.security;

import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns MicroProfile JWT's bearer-token reading off unless the backend is {@code openidc}. The
 * {@code @LoginConfig(MP-JWT)} of the application is fixed at build time, and Payara then validates
 * every {@code Authorization: Bearer} header (failing with 500 when no issuer/key is configured, as
 * under {@code noauth}); pointing MP JWT at a cookie nobody sets makes it ignore the header, so one
 * WAR serves every backend. Reads the backend from the environment ({@code ODCS_AUTH_BACKEND}) or a
 * system property, which is where operators set it.
 */
public class MpJwtSwitch implements ConfigSource {

  static final String OFF_COOKIE = "odcs-mp-jwt-disabled";

  private final Map<String, String> properties;

  public MpJwtSwitch() {
    String backend = System.getProperty("odcs.auth.backend", System.getenv("ODCS_AUTH_BACKEND"));
    properties =
        "openidc".equals(backend)
            ? Map.of()
            : Map.of("mp.jwt.token.header", "Cookie", "mp.jwt.token.cookie", OFF_COOKIE);
  }

  @Override
  public Set<String> getPropertyNames() {
    return properties.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return properties.get(propertyName);
  }

  @Override
  public String getName() {
    return "odcs-mp-jwt-switch";
  }

  @Override
  public int getOrdinal() {
    return 90;
  }
}
