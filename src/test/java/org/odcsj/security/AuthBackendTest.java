package org.odcsj.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AuthBackendTest {

  @Test
  @DisplayName("A-18/A-19: each ODCS backend name selects its backend")
  void names() {
    assertEquals(AuthBackend.NOAUTH, AuthBackend.parse("noauth"));
    assertEquals(AuthBackend.OPENIDC, AuthBackend.parse("openidc"));
    assertEquals(AuthBackend.KERBEROS, AuthBackend.parse("kerberos"));
    assertEquals(AuthBackend.SSL, AuthBackend.parse("ssl"));
    assertEquals(AuthBackend.KERBEROS_OR_SSL, AuthBackend.parse("kerberos_or_ssl"));
  }

  @Test
  @DisplayName("A-20: xxx, empty and upper-case names are ODCS's start-up error")
  void unknownNames() {
    for (String name : new String[] {"xxx", "", "NOAUTH", "kerberos-or-ssl"}) {
      assertEquals(
          "Unknown backend name " + name + ".",
          assertThrows(IllegalStateException.class, () -> AuthBackend.parse(name)).getMessage());
    }
  }

  @Test
  @DisplayName("OIDC scope claims: space separated or an array; absent is null")
  void scopeClaims() {
    assertEquals(java.util.Set.of("openid", "x"), OpenIdcIdentity.scopes(" openid  x "));
    assertEquals(
        java.util.Set.of("a", "b"),
        OpenIdcIdentity.scopes(jakarta.json.Json.createArrayBuilder().add("a").add("b").build()));
    assertEquals(null, OpenIdcIdentity.scopes(null));
  }
}
