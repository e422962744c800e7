package org.odcsj.security.kerberos;

import java.time.Duration;
import java.util.Collections;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;

/**
 * The groups of a Kerberos user as ODCS finds them (spec §6.2): an anonymous LDAP search at {@code
 * odcs.auth.ldap.server} under {@code odcs.auth.ldap.group-base}, one level deep, for entries with
 * {@code memberUid=<user>}; the groups are their {@code cn} values. When the directory cannot be
 * asked, the user has no groups (logged) and the request goes on. Thread-safe: one connection per
 * lookup.
 */
public final class LdapGroups {

  /** ODCS's start-up error for an incomplete Kerberos/LDAP configuration. */
  public static final String INVALID_CONFIGURATION =
      "Invalid configuration for kerberos authentication.";

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  private static final Logger LOG = Logger.getLogger(LdapGroups.class.getName());

  private final String serverUrl;
  private final String groupBase;
  private final Duration timeout;

  /**
   * @param serverUrl {@code ldap://host[:port]} or {@code ldaps://…}
   * @param groupBase e.g. {@code ou=groups,dc=example,dc=com}
   * @param timeout for connecting and for each answer of the server
   */
  public LdapGroups(String serverUrl, String groupBase, Duration timeout) {
    if (!serverUrl.startsWith("ldap://") && !serverUrl.startsWith("ldaps://")) {
      throw new IllegalArgumentException("not an ldap:// or ldaps:// URL: " + serverUrl);
    }
    this.serverUrl = serverUrl;
    this.groupBase = groupBase;
    this.timeout = timeout;
  }

  /**
   * The group lookup the settings ask for: none when neither the server nor the group base is set
   * (groups from LDAP are optional: every Kerberos user then has no groups), a lookup when both
   * are.
   *
   * @throws IllegalStateException {@value #INVALID_CONFIGURATION} when only one of them is set
   */
  public static Optional<LdapGroups> configured(
      Optional<String> serverUrl, Optional<String> groupBase) {
    Optional<String> server = serverUrl.map(String::trim).filter(s -> !s.isEmpty());
    Optional<String> base = groupBase.map(String::trim).filter(s -> !s.isEmpty());
    if (server.isPresent() != base.isPresent()) {
      throw new IllegalStateException(INVALID_CONFIGURATION);
    }
    return server.map(s -> new LdapGroups(s, base.get(), DEFAULT_TIMEOUT));
  }

  /**
   * Start-up check of the settings (see {@link #configured}).
   *
   * @throws IllegalStateException {@value #INVALID_CONFIGURATION} when only one of them is set
   */
  public static void validate(Optional<String> serverUrl, Optional<String> groupBase) {
    configured(serverUrl, groupBase);
  }

  /** The {@code cn}s of the groups listing {@code username} as {@code memberUid}; sorted. */
  public Set<String> groupsOf(String username) {
    Set<String> groups = new TreeSet<>();
    DirContext ctx = null;
    try {
      ctx = new InitialDirContext(environment());
      SearchControls controls = new SearchControls();
      controls.setSearchScope(SearchControls.ONELEVEL_SCOPE);
      controls.setReturningAttributes(new String[] {"cn", "gidNumber"});
      controls.setTimeLimit((int) timeout.toMillis());
      // {0} is a filter argument: JNDI escapes * ( ) \ NUL in it (RFC 4515).
      NamingEnumeration<SearchResult> results =
          ctx.search(groupBase, "(memberUid={0})", new Object[] {username}, controls);
      while (results.hasMore()) {
        Attribute cn = results.next().getAttributes().get("cn");
        for (int i = 0; cn != null && i < cn.size(); i++) {
          groups.add(cn.get(i).toString());
        }
      }
      return Collections.unmodifiableSet(groups);
    } catch (NamingException e) {
      LOG.warning(
          () ->
              "LDAP group lookup for "
                  + username
                  + " at "
                  + serverUrl
                  + " failed, going on without groups: "
                  + e);
      return Set.of();
    } finally {
      close(ctx);
    }
  }

  private Hashtable<String, String> environment() {
    Hashtable<String, String> env = new Hashtable<>();
    env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
    env.put(Context.PROVIDER_URL, serverUrl);
    env.put(Context.SECURITY_AUTHENTICATION, "none");
    env.put(Context.REFERRAL, "ignore");
    env.put("com.sun.jndi.ldap.connect.timeout", Long.toString(timeout.toMillis()));
    env.put("com.sun.jndi.ldap.read.timeout", Long.toString(timeout.toMillis()));
    return env;
  }

  private static void close(DirContext ctx) {
    if (ctx != null) {
      try {
        ctx.close();
      } catch (NamingException ignored) {
        // the lookup's outcome is already decided
      }
    }
  }

  @Override
  public String toString() {
    return "LdapGroups[" + serverUrl + ", " + groupBase + "]";
  }
}
