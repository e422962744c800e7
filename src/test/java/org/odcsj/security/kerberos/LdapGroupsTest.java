package org.odcsj.security.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.schema.Schema;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The LDAP group lookup of the kerberos backend against a real LDAP server (UnboundID's in-memory
 * directory, speaking the LDAP protocol on 127.0.0.1).
 */
class LdapGroupsTest {
  private static final String BASE = "ou=groups,dc=example,dc=com";
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

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

  private static InMemoryDirectoryServer ldap;
  private static String url;

  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeAll
  static void startLdap() throws Exception {
    InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
    config.setSchema(Schema.mergeSchemas(Schema.getDefaultStandardSchema(), RFC2307_GROUPS));
    config.setListenerConfigs(
        InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
    ldap = new InMemoryDirectoryServer(config);
    ldap.add(entry("dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example"));
    ldap.add(entry(BASE, "objectClass: top", "objectClass: organizationalUnit", "ou: groups"));
    ldap.add(group("odcsdev", 1001, "newuser", "tester1"));
    ldap.add(group("freshmakerdev", 1002, "newuser"));
    ldap.add(group("devel", 1003, "newuser", "someone"));
    ldap.add(group("admins", 1004, "tester1"));
    ldap.add(group("a*", 1005, "a*")); // a user name with a filter metacharacter
    // One level only: a group in a sub-tree of the base is not searched.
    ldap.add(
        entry(
            "ou=nested," + BASE,
            "objectClass: top",
            "objectClass: organizationalUnit",
            "ou: nested"));
    ldap.add(
        entry(
            "cn=deep,ou=nested," + BASE,
            "objectClass: top",
            "objectClass: posixGroup",
            "cn: deep",
            "gidNumber: 2000",
            "memberUid: newuser"));
    ldap.startListening();
    url = "ldap://127.0.0.1:" + ldap.getListenPort();
  }

  @AfterAll
  static void stopLdap() {
    if (ldap != null) {
      ldap.shutDown(true);
    }
  }

  @BeforeEach
  void captureLog() {
    Logger.getLogger(LdapGroups.class.getName()).addHandler(capture);
  }

  @AfterEach
  void releaseLog() {
    Logger.getLogger(LdapGroups.class.getName()).removeHandler(capture);
  }

  @Test
  @DisplayName("A-17: entries with cn odcsdev, freshmakerdev, devel are exactly the user's groups")
  void a17_groupsAreTheCnOfTheMatchingEntries() {
    LdapGroups groups = new LdapGroups(url, BASE, TIMEOUT);

    assertEquals(Set.of("odcsdev", "freshmakerdev", "devel"), groups.groupsOf("newuser"));
  }

  @Test
  @DisplayName("A-07/A-08: another user gets the groups listing them; an unknown user none")
  void a07_a08_groupsPerUser() {
    LdapGroups groups = new LdapGroups(url, BASE, TIMEOUT);

    assertEquals(Set.of("odcsdev", "admins"), groups.groupsOf("tester1"));
    assertEquals(Set.of(), groups.groupsOf("nobody"));
    assertTrue(logged.isEmpty(), "a user without groups is no failure");
  }

  @Test
  @DisplayName("the user name is escaped in the filter: a* matches only the user named a*")
  void userNameIsEscaped() {
    LdapGroups groups = new LdapGroups(url, BASE, TIMEOUT);

    assertEquals(Set.of("a*"), groups.groupsOf("a*"));
    assertEquals(Set.of(), groups.groupsOf("*"));
    assertEquals(Set.of(), groups.groupsOf("x)(memberUid=newuser"));
  }

  @Test
  @DisplayName("§6.2: LDAP server down → no groups, logged, no exception")
  void serverDown() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    LdapGroups groups = new LdapGroups("ldap://127.0.0.1:" + closedPort, BASE, TIMEOUT);

    assertEquals(Set.of(), groups.groupsOf("newuser"));
    assertEquals(1, logged.size());
    assertTrue(logged.get(0).getMessage().contains("newuser"), logged.get(0).getMessage());
  }

  @Test
  @DisplayName("§6.2: an LDAP server that never answers → no groups after the timeout")
  void serverSilent() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                try (Socket s = silent.accept()) {
                  Thread.sleep(10_000);
                } catch (Exception ignored) {
                  // closed by the test
                }
              });
      acceptor.start();
      LdapGroups groups =
          new LdapGroups("ldap://127.0.0.1:" + silent.getLocalPort(), BASE, Duration.ofMillis(500));

      long t0 = System.nanoTime();
      assertEquals(Set.of(), groups.groupsOf("newuser"));
      long ms = (System.nanoTime() - t0) / 1_000_000;

      assertTrue(ms < 5_000, "gave up after " + ms + " ms");
      assertEquals(1, logged.size());
      acceptor.interrupt();
    }
  }

  @Test
  @DisplayName("a group base that does not exist → no groups, logged")
  void missingBase() {
    LdapGroups groups = new LdapGroups(url, "ou=nothing,dc=example,dc=com", TIMEOUT);

    assertEquals(Set.of(), groups.groupsOf("newuser"));
    assertEquals(1, logged.size());
  }

  @Test
  @DisplayName("A-21: kerberos with an LDAP group base but no LDAP server is a start-up error")
  void a21_groupBaseWithoutServer() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> LdapGroups.validate(Optional.empty(), Optional.of(BASE)));
    assertEquals("Invalid configuration for kerberos authentication.", e.getMessage());
    assertThrows(
        IllegalStateException.class,
        () -> LdapGroups.validate(Optional.of(" "), Optional.of(BASE)));
  }

  @Test
  @DisplayName("A-22: kerberos with an LDAP server but no group base is a start-up error")
  void a22_serverWithoutGroupBase() {
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> LdapGroups.configured(Optional.of(url), Optional.empty()));
    assertEquals("Invalid configuration for kerberos authentication.", e.getMessage());
  }

  @Test
  @DisplayName("neither LDAP setting: no group lookup (groups are optional); both: a lookup")
  void ldapIsOptional() {
    assertEquals(Optional.empty(), LdapGroups.configured(Optional.empty(), Optional.of("")));
    assertEquals(
        Set.of("odcsdev", "freshmakerdev", "devel"),
        LdapGroups.configured(Optional.of(url), Optional.of(BASE))
            .orElseThrow()
            .groupsOf("newuser"));
  }

  private static Entry group(String cn, int gid, String... members) {
    List<String> lines = new ArrayList<>();
    lines.addAll(List.of("objectClass: top", "objectClass: posixGroup", "cn: " + cn));
    lines.add("gidNumber: " + gid);
    for (String m : members) {
      lines.add("memberUid: " + m);
    }
    return entry("cn=" + escapeRdn(cn) + "," + BASE, lines.toArray(String[]::new));
  }

  private static String escapeRdn(String value) {
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("+", "\\+");
  }

  private static Entry entry(String dn, String... attributes) {
    String[] ldif = new String[attributes.length + 1];
    ldif[0] = "dn: " + dn;
    System.arraycopy(attributes, 0, ldif, 1, attributes.length);
    try {
      return new Entry(ldif);
    } catch (com.unboundid.ldif.LDIFException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
