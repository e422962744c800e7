package org.odcsj.it.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * The servers of the authentication tests: the shipped WAR (no test-only caller resolver), one
 * Payara process per backend, each with its own database, started on first use and shared by the
 * test classes of that backend.
 */
final class AuthServers {

  /** The OIDC base namespace of the openidc server (catalog use it). */
  static final String NAMESPACE = "http://example.com/";

  /** Scope the openidc server requires on every write request ({@code required-scopes}). */
  static final String REQUIRED_SCOPE = "openid";

  private static TestTokens tokens;

  private AuthServers() {}

  /** The key the openidc server trusts. */
  static synchronized TestTokens tokens() throws Exception {
    if (tokens == null) {
      tokens = TestTokens.generate();
    }
    return tokens;
  }

  static OdcsServer.Running openIdc() throws Exception {
    Path dir = Files.createDirectories(TestEnvironment.current().itDir().resolve("openidc-keys"));
    Path key = tokens().writePublicKey(dir.resolve("public-key.pem"));
    return OdcsServer.start(
        new OdcsServer.Profile(
            "openidc",
            "odcs_openidc",
            false,
            List.of(),
            List.of(),
            Map.of(
                "ODCS_AUTH_BACKEND",
                "openidc",
                "MP_JWT_VERIFY_PUBLICKEY_LOCATION",
                key.toUri().toString(),
                "MP_JWT_VERIFY_ISSUER",
                TestTokens.ISSUER,
                "ODCS_AUTH_OPENIDC_REQUIRED_SCOPES",
                REQUIRED_SCOPE,
                "ODCS_AUTH_OPENIDC_BASE_NAMESPACE",
                NAMESPACE)));
  }
}
