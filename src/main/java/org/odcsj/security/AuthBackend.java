package org.odcsj.security;

import java.util.Arrays;
import java.util.Locale;

/** The authentication backends of ODCS ({@code odcs.auth.backend}, spec §6). */
public enum AuthBackend {
  NOAUTH,
  OPENIDC,
  KERBEROS,
  SSL,
  KERBEROS_OR_SSL;

  /** The configured name as ODCS spells it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalStateException {@code Unknown backend name <name>.} (ODCS's start-up error)
   */
  public static AuthBackend parse(String name) {
    return Arrays.stream(values())
        .filter(b -> b.wireName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("Unknown backend name " + name + "."));
  }
}
