package org.odcsj.security;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * {@code openidc}: the caller of a bearer token that MicroProfile JWT has verified (signature,
 * issuer, expiry) before the request reached us — an invalid token never gets this far (401 from
 * the container). The user name comes from the configured claim (falling back to {@code sub}),
 * groups from {@code groups}, scopes from {@code scope} (space separated, or an array).
 */
final class OpenIdcIdentity {

  private final String usernameClaim;
  private final List<String> requiredScopes;
  private final boolean scopesChecked;

  OpenIdcIdentity(String usernameClaim, List<String> requiredScopes, boolean endpointScopes) {
    this.usernameClaim = usernameClaim;
    this.requiredScopes = List.copyOf(requiredScopes);
    this.scopesChecked = endpointScopes || !requiredScopes.isEmpty();
  }

  Caller load(HttpServletRequest request) {
    Principal principal = request.getUserPrincipal();
    if (!(principal instanceof JsonWebToken token)) {
      // ODCS's message when its front server passed no user: clients test for it.
      throw new AuthenticationException(
          "REMOTE_USER is not present in request.", "Bearer realm=\"odcs\"");
    }
    String username =
        claimString(token, usernameClaim)
            .or(() -> Optional.ofNullable(token.getSubject()))
            .filter(s -> !s.isBlank())
            .orElseThrow(
                () ->
                    new AuthenticationException(
                        "The token has neither a " + usernameClaim + " nor a sub claim."));
    Set<String> scopes = scopes(token.getClaim("scope"));
    if (scopesChecked) {
      if (scopes == null) {
        throw new AuthenticationException("Missing OIDC_CLAIM_scope.");
      }
      for (String required : requiredScopes) {
        if (!scopes.contains(required)) {
          throw new AuthenticationException("Required OIDC scope " + required + " not present.");
        }
      }
    }
    Set<String> groups = token.getGroups() == null ? Set.of() : token.getGroups();
    return new Caller(username, groups, false, scopesChecked ? scopes : null);
  }

  private static Optional<String> claimString(JsonWebToken token, String claim) {
    Object value = token.getClaim(claim);
    if (value instanceof JsonString s) {
      return Optional.of(s.getString());
    }
    return value instanceof String s ? Optional.of(s) : Optional.empty();
  }

  /** The scopes of a {@code scope} claim, or null when the token has none. */
  static Set<String> scopes(Object claim) {
    if (claim == null) {
      return null;
    }
    Set<String> scopes = new LinkedHashSet<>();
    if (claim instanceof JsonArray array) {
      array.getValuesAs(JsonString.class).forEach(s -> scopes.add(s.getString()));
    } else if (claim instanceof Collection<?> collection) {
      collection.forEach(s -> scopes.add(String.valueOf(s)));
    } else {
      String text = claim instanceof JsonString s ? s.getString() : String.valueOf(claim);
      Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(scopes::add);
    }
    return scopes;
  }
}
