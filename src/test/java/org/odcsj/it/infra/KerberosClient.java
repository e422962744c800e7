package org.odcsj.it.infra;

import java.io.IOException;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.Map;
import javax.security.auth.Subject;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import org.ietf.jgss.GSSContext;
import org.ietf.jgss.GSSException;
import org.ietf.jgss.GSSManager;
import org.ietf.jgss.GSSName;
import org.ietf.jgss.Oid;

/**
 * A Kerberos client in this JVM, as a browser or {@code python-requests-gssapi} would be: logs in
 * to a {@link LocalKdc} with a user's keytab (JAAS {@code Krb5LoginModule}, initiator), then makes
 * SPNEGO tokens for a service ({@code HTTP@localhost}), fetching its service ticket from the KDC.
 */
public final class KerberosClient {
  public static final Oid SPNEGO = oid("1.3.6.1.5.5.2");
  public static final Oid KRB5 = oid("1.2.840.113554.1.2.2");

  private final Subject subject;
  private final GSSManager manager = GSSManager.getInstance();

  private KerberosClient(Subject subject) {
    this.subject = subject;
  }

  /** Logs {@code user} in with its keytab from {@code kdc}. */
  public static KerberosClient login(LocalKdc kdc, String user)
      throws IOException, InterruptedException, LoginException {
    return login(kdc.principal(user), kdc.keytab(user));
  }

  /** Logs {@code principal} in with {@code keytab} (re-reading java.security.krb5.conf first). */
  public static KerberosClient login(String principal, Path keytab) throws LoginException {
    Map<String, String> options =
        Map.of(
            "principal", principal,
            "keyTab", keytab.toString(),
            "useKeyTab", "true",
            "storeKey", "false",
            "doNotPrompt", "true",
            "isInitiator", "true",
            "refreshKrb5Config", "true");
    AppConfigurationEntry entry =
        new AppConfigurationEntry(
            "com.sun.security.auth.module.Krb5LoginModule",
            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
            options);
    Configuration config =
        new Configuration() {
          @Override
          public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {entry};
          }
        };
    LoginContext login = new LoginContext("odcs-test-client", new Subject(), null, config);
    login.login();
    return new KerberosClient(login.getSubject());
  }

  /** {@code Negotiate <SPNEGO token>} for {@code service} ({@code HTTP@localhost}). */
  public String negotiateHeader(String service) throws GSSException {
    return "Negotiate " + Base64.getEncoder().encodeToString(firstToken(context(service, SPNEGO)));
  }

  /**
   * A fresh initiator context for {@code service} (host-based name, {@code HTTP@host}) with mutual
   * authentication requested; {@link #firstToken} makes its token.
   */
  public GSSContext context(String service, Oid mech) throws GSSException {
    GSSName name = manager.createName(service, GSSName.NT_HOSTBASED_SERVICE);
    GSSContext context = manager.createContext(name, mech, null, GSSContext.DEFAULT_LIFETIME);
    context.requestMutualAuth(true);
    return context;
  }

  /** The context's first token; the service ticket comes from the KDC (or this subject's cache). */
  @SuppressWarnings("removal") // Subject.callAs is Java 18+
  public byte[] firstToken(GSSContext context) throws GSSException {
    PrivilegedExceptionAction<byte[]> init = () -> context.initSecContext(new byte[0], 0, 0);
    try {
      return Subject.doAs(subject, init);
    } catch (PrivilegedActionException e) {
      throw (GSSException) e.getCause();
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
