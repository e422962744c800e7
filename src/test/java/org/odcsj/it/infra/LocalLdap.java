package org.odcsj.it.infra;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.Schema;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * A real LDAP server for tests: UnboundID's in-memory directory speaking the LDAP protocol on
 * 127.0.0.1, with the RFC 2307 posixGroup schema and groups under {@link #GROUP_BASE}, as the
 * Kerberos backend's group lookup expects them.
 */
public final class LocalLdap implements AutoCloseable {

  public static final String GROUP_BASE = "ou=groups,dc=example,dc=com";

  /** posixGroup and its attributes (RFC 2307, the nis schema of OpenLDAP and 389 DS). */
  private static final Schema RFC2307_GROUPS =
      new Schema(
          entry(
              "cn=schema",
              "objectClass: top",
              "objectClass: ldapSubentry",
              "objectClass: subschema",
              "attributeTypes: ( 1.3.6.1.1.1.1.1 NAME 'gidNumber' EQUALITY integerMatch"
                  + " SYNTAX 1.3.6.1.4.1.1466.115.121.1.27 SINGLE-VALUE )",
              "attributeTypes: ( 1.3.6.1.1.1.1.12 NAME 'memberUid' EQUALITY caseExactIA5Match"
                  + " SUBSTR caseExactIA5SubstringsMatch SYNTAX 1.3.6.1.4.1.1466.115.121.1.26 )",
              "objectClasses: ( 1.3.6.1.1.1.2.2 NAME 'posixGroup' SUP top STRUCTURAL"
                  + " MUST ( cn $ gidNumber ) MAY ( userPassword $ memberUid $ description ) )"));

  private final InMemoryDirectoryServer server;

  private LocalLdap(InMemoryDirectoryServer server) {
    this.server = server;
  }

  /** Starts an empty directory with {@code dc=example,dc=com} and the group base. */
  public static LocalLdap start() throws LDAPException {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), RFC2307_GROUPS));
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
    InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
    server.add(
        entry("dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example"));
    server.add(
        entry(GROUP_BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: groups"));
    server.startListening();
    return new LocalLdap(server);
  }

  public String url() {
    return "ldap://127.0.0.1:" + server.getListenPort();
  }

  /** Adds a posixGroup {@code cn} under the group base with these {@code memberUid}s. */
  public LocalLdap group(String cn, int gid, String... members) throws LDAPException {
    List<String> lines = new ArrayList<>();
    lines.addAll(List.of("objectClass: top", "objectClass: posixGroup", "cn: " + cn));
    lines.add("gidNumber: " + gid);
    for (String m : members) {
      lines.add("memberUid: " + m);
    }
    server.add(entry("cn=" + escapeRdn(cn) + "," + GROUP_BASE, lines.toArray(String[]::new)));
    return this;
  }

  public void add(Entry entry) throws LDAPException {
    server.add(entry);
  }

  private static String escapeRdn(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("+", "\\+");
  }

  /** An entry from its DN and LDIF attribute lines. */
  public static Entry entry(String dn, String... attributes) {
    String[] ldif = new String[attributes.length + 1];
    ldif[0] = "dn: " + dn;
    System.arraycopy(attributes, 0, ldif, 1, attributes.length);
    try {
      return new Entry(ldif);
    } catch (com.unboundid.ldif.LDIFException e) {
      throw new IllegalArgumentException(e);
    }
  }

  @Override
  public void close() {
    server.shutDown(true);
  }
}
