package org.odcsj.it.auth;

import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An OIDC provider in miniature: an RSA key whose public half the server trusts, and RS256 JWTs
 * signed with it (JDK only). {@link #otherKey()} signs with a key the server does not know.
 */
public final class TestTokens {

  public static final String ISSUER = "https://id.odcs.test/realms/test";

  private final KeyPair keys;

  private TestTokens(KeyPair keys) {
    this.keys = keys;
  }

  public static TestTokens generate() throws GeneralSecurityException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    return new TestTokens(generator.generateKeyPair());
  }

  /** A provider with a different key: its tokens fail verification. */
  public static TestTokens otherKey() throws GeneralSecurityException {
    return generate();
  }

  /** The public key as PEM (mp.jwt.verify.publickey.location). */
  public Path writePublicKey(Path file) throws IOException {
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPublic().getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    return Files.writeString(file, pem);
  }

  /** A token builder with sensible claims: issuer, one hour of validity, a jti. */
  public Token token() {
    return new Token(keys.getPrivate());
  }

  /** A JWT under construction. */
  public static final class Token {
    private final PrivateKey key;
    private final JsonObjectBuilder claims = Json.createObjectBuilder();
    private Instant issuedAt = Instant.now();
    private Duration lifetime = Duration.ofHours(1);

    private Token(PrivateKey key) {
      this.key = key;
      claims.add("iss", ISSUER).add("jti", UUID.randomUUID().toString());
    }

    public Token claim(String name, String value) {
      claims.add(name, value);
      return this;
    }

    public Token claim(String name, List<String> values) {
      var array = Json.createArrayBuilder();
      values.forEach(array::add);
      claims.add(name, array);
      return this;
    }

    public Token user(String preferredUsername) {
      return claim("sub", "sub-" + preferredUsername)
          .claim("preferred_username", preferredUsername);
    }

    public Token groups(String... groups) {
      return claim("groups", List.of(groups));
    }

    /** The {@code scope} claim: space-separated, as OAuth 2.0 servers issue it. */
    public Token scopes(String... scopes) {
      return claim("scope", String.join(" ", scopes));
    }

    public Token issuedAt(Instant at, Duration lifetime) {
      this.issuedAt = at;
      this.lifetime = lifetime;
      return this;
    }

    public String sign() {
      var body =
          claims
              .add("iat", issuedAt.getEpochSecond())
              .add("exp", issuedAt.plus(lifetime).getEpochSecond())
              .build();
      String header = json(Map.of("alg", "RS256", "typ", "JWT"));
      String signingInput = b64(header) + "." + b64(body.toString());
      try {
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(key);
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static String json(Map<String, String> map) {
    var b = Json.createObjectBuilder();
    map.forEach(b::add);
    return b.build().toString();
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }
}
