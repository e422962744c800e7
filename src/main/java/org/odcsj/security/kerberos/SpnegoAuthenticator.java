package org.odcsj.security.kerberos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.security.auth.Subject;
import javax.security.auth.kerberos.KerberosPrincipal;
import javax.security.auth.kerberos.KeyTab;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSCredential;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;
import org.odcsj.security.kerberos.SpnegoException.Reason;

/**
 * Verifies {@code Authorization: Negotiate <token>} (SPNEGO, RFC 4559) with the service's keytab,
 * as mod_auth_gssapi does in front of ODCS. The service logs in to its keytab once (JAAS {@code
 * Krb5LoginModule} as acceptor: no KDC is contacted, the keys are read from the keytab file when a
 * ticket arrives, so a rotated keytab is picked up) and creates one {@link GSSContext} per request.
 * Thread-safe.
 */
public final class SpnegoAuthenticator {

  /** The client a token authenticated, and the token to return for mutual authentication. */
  public record Result(String principal, Optional<String> responseToken) {

    /** The principal without its realm ({@code alice@EXAMPLE.COM} → {@code alice}, spec §6.2). */
    public String username() {
      int at = principal.lastIndexOf('@');
      return at < 0 ? principal : principal.substring(0, at);
    }

    /** {@code Negotiate <token>} for the response's {@code WWW-Authenticate}, if there is one. */
    public Optional<String> wwwAuthenticate() {
      return responseToken.map(t -> NEGOTIATE + " " + t);
    }
  }

  static final String NEGOTIATE = "Negotiate";
  static final String KRB5_CONF_PROPERTY = "java.security.krb5.conf";

  private static final Logger LOG = Logger.getLogger(SpnegoAuthenticator.class.getName());
  private static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
  private static final Oid KRB5 = oid("1.2.840.113554.1.2.2");
  private static final Oid KRB5_PRINCIPAL_NAME = oid("1.2.840.113554.1.2.2.1");

  private final String servicePrincipal;
  private final Path keytab;
  private final boolean refreshKrb5Config;
  private final GSSManager manager = GSSManager.getInstance();

  private GSSCredential credential; // guarded by this

  /**
   * Logs in to {@code keytab} as {@code servicePrincipal} ({@code HTTP/host@REALM}, or {@code *}
   * for any principal in the keytab).
   *
   * @param krb5Conf the krb5.conf to use; empty keeps the JVM's ({@code -Djava.security.krb5.conf},
   *     else the JDK's default lookup, e.g. {@code /etc/krb5.conf})
   * @throws IllegalStateException when the keytab is unreadable or holds no key for the principal
   */
  public SpnegoAuthenticator(String servicePrincipal, Path keytab, Optional<Path> krb5Conf) {
    if (servicePrincipal == null || servicePrincipal.isBlank()) {
      throw new IllegalArgumentException("no Kerberos service principal");
    }
    this.servicePrincipal = servicePrincipal.trim();
    this.keytab = keytab.toAbsolutePath();
    if (!Files.isReadable(this.keytab)) {
      throw new IllegalStateException("Kerberos keytab " + this.keytab + " is not readable");
    }
    krb5Conf.ifPresent(SpnegoAuthenticator::useKrb5Conf);
    this.refreshKrb5Config = krb5Conf.isPresent();
    try {
      credential();
    } catch (SpnegoException e) {
      throw new IllegalStateException(e.getMessage(), e.getCause());
    }
  }

  public SpnegoAuthenticator(String servicePrincipal, Path keytab) {
    this(servicePrincipal, keytab, Optional.empty());
  }

  /**
   * Points the JVM's Kerberos at {@code conf}. {@code java.security.krb5.conf} is a JVM-global
   * system property: every Kerberos user in this process (other applications in the same Payara,
   * JDBC or LDAP clients using GSSAPI) then reads this file too. The JDK parses it once and caches
   * it; our login module option {@code refreshKrb5Config} makes it re-read now. A server should
   * rather pass {@code -Djava.security.krb5.conf=…} on its command line and leave this unset.
   */
  private static void useKrb5Conf(Path conf) {
    String path = conf.toAbsolutePath().toString();
    if (!Files.isReadable(conf)) {
      throw new IllegalStateException("krb5.conf " + path + " is not readable");
    }
    String previous = System.setProperty(KRB5_CONF_PROPERTY, path);
    if (previous != null && !previous.equals(path)) {
      LOG.warning(
          () -> KRB5_CONF_PROPERTY + " was " + previous + ", now " + path + " for the whole JVM");
    }
  }

  /** Verifies the value of an {@code Authorization} header ({@code Negotiate <base64>}). */
  public Result accept(String authorizationHeaderValue) {
    String value = authorizationHeaderValue == null ? "" : authorizationHeaderValue.trim();
    int space = value.indexOf(' ');
    if (space < 0 || !value.substring(0, space).equalsIgnoreCase(NEGOTIATE)) {
      throw new SpnegoException(
          Reason.MISSING, "The Authorization header is not \"Negotiate <token>\".", null);
    }
    return acceptToken(value.substring(space + 1).trim());
  }

  /** Verifies a base64 SPNEGO (or raw Kerberos GSS-API) token. */
  public Result acceptToken(String base64Token) {
    if (base64Token == null || base64Token.isEmpty()) {
      throw new SpnegoException(Reason.MISSING, "The Negotiate token is empty.", null);
    }
    byte[] input;
    try {
      input = Base64.getDecoder().decode(base64Token);
    } catch (IllegalArgumentException e) {
      throw new SpnegoException(Reason.MALFORMED, "The Negotiate token is not base64.", null);
    }
    GSSContext context = null;
    try {
      context = manager.createContext(credential());
      byte[] output = context.acceptSecContext(input, 0, input.length);
      if (!context.isEstablished()) {
        throw new SpnegoException(
            Reason.INCOMPLETE,
            "Kerberos authentication needs another round trip; only Kerberos (krb5) is supported.",
            null);
      }
      Optional<String> response =
          Optional.ofNullable(output)
              .filter(o -> o.length > 0)
              .map(o -> Base64.getEncoder().encodeToString(o));
      return new Result(context.getSrcName().toString(), response);
    } catch (GSSException e) {
      Reason reason =
          switch (e.getMajor()) {
            case GSSException.DEFECTIVE_TOKEN, GSSException.BAD_MECH -> Reason.MALFORMED;
            default -> Reason.REJECTED;
          };
      LOG.log(Level.FINE, "SPNEGO token refused", e);
      throw new SpnegoException(
          reason, redact("Kerberos authentication failed: " + describe(e), base64Token), e);
    } finally {
      dispose(context);
    }
  }

  /** The acceptor credential; logs in again when there is none or it has run out. */
  private synchronized GSSCredential credential() {
    try {
      if (credential != null && credential.getRemainingAcceptLifetime(KRB5) > 0) {
        return credential;
      }
    } catch (GSSException e) {
      LOG.log(Level.INFO, "Kerberos service credential unusable, logging in again", e);
    }
    credential = login();
    return credential;
  }

  private GSSCredential login() {
    String what = "Kerberos service login as " + servicePrincipal + " with keytab " + keytab;
    try {
      LoginContext login =
          new LoginContext("odcs-spnego", new Subject(), null, jaasConfiguration());
      login.login();
      boolean any = servicePrincipal.equals("*");
      requireKeys(login.getSubject(), any);
      GSSName name = any ? null : manager.createName(servicePrincipal, KRB5_PRINCIPAL_NAME);
      PrivilegedExceptionAction<GSSCredential> create =
          () ->
              manager.createCredential(
                  name,
                  GSSCredential.INDEFINITE_LIFETIME,
                  new Oid[] {KRB5, SPNEGO},
                  GSSCredential.ACCEPT_ONLY);
      @SuppressWarnings("removal") // Subject.callAs is Java 18+
      GSSCredential created = Subject.doAs(login.getSubject(), create);
      LOG.info(() -> what + ": ready");
      return created;
    } catch (LoginException e) {
      throw new SpnegoException(
          Reason.SERVICE_CREDENTIALS, what + " failed: " + e.getMessage(), null);
    } catch (GSSException e) {
      throw new SpnegoException(Reason.SERVICE_CREDENTIALS, what + " failed: " + describe(e), e);
    } catch (PrivilegedActionException e) {
      Throwable cause = e.getCause();
      String detail = cause instanceof GSSException g ? describe(g) : String.valueOf(cause);
      throw new SpnegoException(Reason.SERVICE_CREDENTIALS, what + " failed: " + detail, cause);
    }
  }

  /** The login module takes any keytab; a missing key would only show on the first request. */
  private void requireKeys(Subject subject, boolean any) throws LoginException {
    for (KeyTab tab : subject.getPrivateCredentials(KeyTab.class)) {
      if (any ? tab.exists() : tab.getKeys(new KerberosPrincipal(servicePrincipal)).length > 0) {
        return;
      }
    }
    throw new LoginException("the keytab holds no key of " + servicePrincipal);
  }

  private Configuration jaasConfiguration() {
    Map<String, String> options =
        Map.of(
            "principal", servicePrincipal,
            "keyTab", keytab.toString(),
            "useKeyTab", "true",
            "storeKey", "true",
            "doNotPrompt", "true",
            "isInitiator", "false",
            "refreshKrb5Config", Boolean.toString(refreshKrb5Config));
    AppConfigurationEntry entry =
        new AppConfigurationEntry(
            "com.sun.security.auth.module.Krb5LoginModule",
            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
            options);
    return new Configuration() {
      @Override
      public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        return new AppConfigurationEntry[] {entry};
      }
    };
  }

  private static String describe(GSSException e) {
    String minor = e.getMinorString();
    return e.getMajorString() + (minor == null || minor.isBlank() ? "" : " (" + minor + ")");
  }

  /** Belt and braces: a mechanism message that quotes the token loses its details. */
  private static String redact(String message, String token) {
    return token.length() >= 8 && message.contains(token)
        ? "Kerberos authentication failed."
        : message;
  }

  private static void dispose(GSSContext context) {
    if (context != null) {
      try {
        context.dispose();
      } catch (GSSException ignored) {
        // nothing held that outlives the request
      }
    }
  }

  private static Oid oid(String dotted) {
    try {
      return new Oid(dotted);
    } catch (GSSException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
