package org.odcsj.it.auth;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.infra.LocalKdc;
import org.odcsj.it.infra.LocalLdap;
import org.odcsj.it.infra.TestCa;

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

  /** A client certificate's subject DN as the ssl backend names the user (RFC 2253). */
  static final String CLIENT_DN = "CN=client,L=prod,DC=example,DC=com";

  /** The DN of an admin's certificate. */
  static final String ADMIN_DN = "CN=admin,OU=releng,DC=example,DC=com";

  /**
   * The upstream view tests' policy (spec §5.3) plus users named by certificate DN, as an ssl
   * deployment lists them (groups are always empty there).
   */
  static final String POLICY_YAML =
      String.join(
          "\n",
          "allowed_clients:",
          "  groups:",
          "    composer: {}",
          "    dev2: {source_types: [module]}",
          "  users:",
          "    dev: {arches: [ppc64, s390, x86_64], source_types: [tag, module, build]}",
          "    '" + CLIENT_DN + "': {source_types: [tag]}",
          "    '" + ADMIN_DN + "': {}",
          "admins:",
          "  groups: [admin]",
          "  users: [root, '" + ADMIN_DN + "']",
          "");

  private static TestTokens tokens;
  private static LocalKdc kdc;
  private static LocalLdap ldap;
  private static Tls tls;
  private static final Map<String, String> HTTPS_URLS = new HashMap<>();

  /**
   * The test PKI: a CA the TLS servers trust, their server certificate, client certificates for
   * {@link #CLIENT_DN} and {@link #ADMIN_DN}, and one from a CA nobody trusts.
   */
  record Tls(
      Path serverKeyStore,
      Path trustStore,
      Path clientKeyStore,
      Path adminKeyStore,
      Path strangerKeyStore) {

    /** HTTPS as {@code keyStore}'s certificate (or none when null). */
    java.net.http.HttpClient client(Path keyStore) {
      return TestCa.httpClient(
          TestCa.sslContext(keyStore, TestCa.PASSWORD, trustStore, TestCa.PASSWORD));
    }

    /** HTTPS presenting the untrusted CA's certificate even though the server asks for ours. */
    java.net.http.HttpClient strangerClient() {
      return TestCa.httpClient(
          TestCa.insistentClientContext(
              strangerKeyStore, TestCa.PASSWORD, trustStore, TestCa.PASSWORD));
    }
  }

  static synchronized Tls tls() throws Exception {
    if (tls == null) {
      Path dir = dir("pki");
      TestCa ca = TestCa.create("CN=ODCS Test CA,O=ODCS-J");
      TestCa stranger = TestCa.create("CN=Untrusted CA");
      tls =
          new Tls(
              ca.issueServer("localhost", "127.0.0.1")
                  .writeKeyStore(dir.resolve("server.p12"), TestCa.PASSWORD, "odcs"),
              ca.writeTrustStore(dir.resolve("trust.p12"), TestCa.PASSWORD),
              ca.issueClient(CLIENT_DN)
                  .writeKeyStore(dir.resolve("client.p12"), TestCa.PASSWORD, "client"),
              ca.issueClient(ADMIN_DN)
                  .writeKeyStore(dir.resolve("admin.p12"), TestCa.PASSWORD, "admin"),
              stranger
                  .issueClient(CLIENT_DN)
                  .writeKeyStore(dir.resolve("stranger.p12"), TestCa.PASSWORD, "stranger"));
    }
    return tls;
  }

  /** The HTTPS base URL of a server started with TLS ({@link #ssl}, {@link #kerberosOrSsl}). */
  static synchronized String httpsUrl(String backend) {
    return HTTPS_URLS.get(backend);
  }

  private AuthServers() {}

  /** The key the openidc server trusts. */
  static synchronized TestTokens tokens() throws Exception {
    if (tokens == null) {
      tokens = TestTokens.generate();
    }
    return tokens;
  }

  static OdcsServer.Running openIdc() throws Exception {
    Path key = tokens().writePublicKey(dir("openidc").resolve("public-key.pem"));
    Map<String, String> env = new HashMap<>();
    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", key.toUri().toString());
    env.put("MP_JWT_VERIFY_ISSUER", TestTokens.ISSUER);
    env.put("ODCS_AUTH_OPENIDC_REQUIRED_SCOPES", REQUIRED_SCOPE);
    env.put("ODCS_AUTH_OPENIDC_BASE_NAMESPACE", NAMESPACE);
    return start("openidc", List.of(), List.of(), env);
  }

  /** {@code ssl}, trusting proxy headers from {@link ProxiedRequests#PROXY_ADDRESS}. */
  static OdcsServer.Running ssl() throws Exception {
    return startWithTls("ssl", Map.of());
  }

  /** {@code kerberos}, trusting proxy headers from {@link ProxiedRequests#PROXY_ADDRESS}. */
  static OdcsServer.Running kerberos() throws Exception {
    Map<String, String> env = new HashMap<>(spnego());
    env.put("ODCS_AUTH_LDAP_SERVER", ldap().url());
    env.put("ODCS_AUTH_LDAP_GROUP_BASE", LocalLdap.GROUP_BASE);
    return start("kerberos", List.of(), List.of(), env);
  }

  /**
   * The run's real MIT KDC (realm ODCS.TEST, service HTTP/localhost, users alice and bob), or null
   * when krb5kdc is not installed (the SPNEGO tests are then skipped).
   */
  static synchronized LocalKdc kdc() throws Exception {
    if (kdc == null && LocalKdc.available()) {
      kdc = LocalKdc.start(dir("kdc"));
    }
    return kdc;
  }

  /** The directory the kerberos server reads groups from: alice is in admin and devel. */
  static synchronized LocalLdap ldap() throws Exception {
    if (ldap == null) {
      ldap = LocalLdap.start().group("admin", 1001, "alice").group("devel", 1002, "alice", "bob");
    }
    return ldap;
  }

  /** SPNEGO settings of a server: the KDC's service keytab and krb5.conf (none without KDC). */
  private static Map<String, String> spnego() throws Exception {
    LocalKdc realm = kdc();
    if (realm == null) {
      return Map.of();
    }
    return Map.of(
        "ODCS_AUTH_KERBEROS_PRINCIPAL", LocalKdc.SERVICE,
        "ODCS_AUTH_KERBEROS_KEYTAB", realm.serviceKeytab().toString(),
        "ODCS_AUTH_KERBEROS_KRB5_CONF", realm.krb5Conf().toString());
  }

  /** {@code kerberos_or_ssl}, trusting proxy headers from the proxy address. */
  static OdcsServer.Running kerberosOrSsl() throws Exception {
    return startWithTls("kerberos_or_ssl", spnego());
  }

  /**
   * A server with an HTTPS listener that wants client certificates, configured as an operator
   * would: server-config/tls-client-auth.preboot (after loopback.preboot: Payara reads one pre-boot
   * file) and the ODCS_TLS_* variables.
   */
  private static synchronized OdcsServer.Running startWithTls(
      String backend, Map<String, String> env) throws Exception {
    Tls pki = tls();
    Path project = Path.of(System.getProperty("odcs.it.dir")).getParent().getParent();
    Path preboot =
        Files.writeString(
            dir(backend).resolve("tls.preboot"),
            Files.readString(project.resolve("server-config/loopback.preboot"))
                + Files.readString(project.resolve("server-config/tls-client-auth.preboot")));
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Map<String, String> environment = new HashMap<>(env);
    environment.put("ODCS_TLS_KEYSTORE", pki.serverKeyStore().toString());
    environment.put("ODCS_TLS_KEYSTORE_PASSWORD", new String(TestCa.PASSWORD));
    environment.put("ODCS_TLS_KEY_ALIAS", "odcs");
    environment.put("ODCS_TLS_TRUSTSTORE", pki.trustStore().toString());
    environment.put("ODCS_TLS_TRUSTSTORE_PASSWORD", new String(TestCa.PASSWORD));
    OdcsServer.Running running =
        start(
            backend,
            List.of(),
            List.of(
                "--sslport", Integer.toString(port), "--prebootcommandfile", preboot.toString()),
            environment);
    HTTPS_URLS.putIfAbsent(backend, "https://localhost:" + port);
    return running;
  }

  /** {@code /about/} reports the backend, and reads need no identity under it. */
  static void assertBackendInstalled(OdcsServer.Running server, String backend) {
    var api = new org.odcsj.it.OdcsApi(server.baseUrl());
    org.junit.jupiter.api.Assertions.assertEquals(
        backend, org.odcsj.it.api.Api.ok(api.get("/api/1/about/")).getString("auth_backend"));
    org.junit.jupiter.api.Assertions.assertEquals(200, api.get("/api/1/composes/").status());
  }

  private static Path dir(String backend) throws Exception {
    return Files.createDirectories(
        TestEnvironment.current().itDir().resolve("auth-" + backend.replace('_', '-')));
  }

  private static OdcsServer.Running start(
      String backend, List<String> javaOptions, List<String> payaraOptions, Map<String, String> env)
      throws Exception {
    Path policy = Files.writeString(dir(backend).resolve("auth-policy.yaml"), POLICY_YAML);
    Map<String, String> environment = new HashMap<>(env);
    environment.put("ODCS_AUTH_BACKEND", backend);
    environment.put("ODCS_AUTH_POLICY_FILE", policy.toString());
    environment.put("ODCS_AUTH_TRUSTED_PROXIES", ProxiedRequests.PROXY_ADDRESS);
    return OdcsServer.start(
        new OdcsServer.Profile(
            "auth-" + backend.replace('_', '-'),
            "odcs_auth_" + backend,
            false,
            javaOptions,
            payaraOptions,
            environment));
  }
}
