package org.odcsj.client;

import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.Base64;
import java.util.HashMap;
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
 * Kerberos through SPNEGO with the JDK's JGSS: the {@code Authorization: Negotiate} token for
 * {@code HTTP@host}, from the Kerberos ticket cache ({@code KRB5CCNAME}) or from a keytab.
 */
final class Spnego {

  private static final String SPNEGO_OID = "1.3.6.1.5.5.2";

  private final Subject subject;

  private Spnego(Subject subject) {
    this.subject = subject;
  }

  /** From the ticket cache ({@code kinit} first). */
  static Spnego fromTicketCache() {
    return new Spnego(login(Map.of("useTicketCache", "true", "doNotPrompt", "true")));
  }

  /** From a keytab, as {@code principal}. */
  static Spnego fromKeytab(String principal, Path keytab) {
    return new Spnego(
        login(
            Map.of(
                "useKeyTab", "true",
                "keyTab", keytab.toString(),
                "principal", principal,
                "storeKey", "true",
                "doNotPrompt", "true")));
  }

  private static Subject login(Map<String, String> options) {
    Map<String, Object> all = new HashMap<>(options);
    all.put("refreshKrb5Config", "true");
    Configuration config =
        new Configuration() {
          @Override
          public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
            return new AppConfigurationEntry[] {
              new AppConfigurationEntry(
                  "com.sun.security.auth.module.Krb5LoginModule",
                  AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                  all)
            };
          }
        };
    try {
      LoginContext login = new LoginContext("odcs-client", new Subject(), null, config);
      login.login();
      return login.getSubject();
    } catch (LoginException e) {
      throw new OdcsException("Kerberos login failed: " + e.getMessage(), e);
    }
  }

  /** The header value for a request to {@code host}. */
  @SuppressWarnings("removal") // Subject.doAs: the JGSS way to pass credentials on Java 17
  String header(String host) {
    try {
      byte[] token =
          Subject.doAs(
              subject,
              (PrivilegedExceptionAction<byte[]>)
                  () -> {
                    GSSManager manager = GSSManager.getInstance();
                    GSSName server =
                        manager.createName("HTTP@" + host, GSSName.NT_HOSTBASED_SERVICE);
                    GSSContext context =
                        manager.createContext(
                            server, new Oid(SPNEGO_OID), null, GSSContext.DEFAULT_LIFETIME);
                    try {
                      return context.initSecContext(new byte[0], 0, 0);
                    } finally {
                      context.dispose();
                    }
                  });
      return "Negotiate " + Base64.getEncoder().encodeToString(token);
    } catch (PrivilegedActionException e) {
      Throwable cause = e.getCause();
      String why = cause instanceof GSSException g ? g.getMessage() : String.valueOf(cause);
      throw new OdcsException("Kerberos: no service ticket for HTTP@" + host + ": " + why, cause);
    }
  }
}
