package org.odcsj.security.kerberos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.odcsj.it.infra.LocalLdap;

/**
 * The LDAP group lookup of the kerberos backend against a real LDAP server (UnboundID's in-memory
 * directory, speaking the LDAP protocol on 127.0.0.1).
 */
class LdapGroupsTest {
  private static final String BASE = LocalLdap.GROUP_BASE;
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private static LocalLdap ldap;
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
    ldap = LocalLdap.start();
    ldap.group("odcsdev", 1001, "newuser", "tester1");
    ldap.group("freshmakerdev", 1002, "newuser");
    ldap.group("devel", 1003, "newuser", "someone");
    ldap.group("admins", 1004, "tester1");
    ldap.group("a*", 1005, "a*"); // a user name with a filter metacharacter
    // One level only: a group in a sub-tree of the base is not searched.
    ldap.add(
        LocalLdap.entry(
            "ou=nested," + BASE,
            "objectClass: top",
            "objectClass: organizationalUnit",
            "ou: nested"));
    ldap.add(
        LocalLdap.entry(
            "cn=deep,ou=nested," + BASE,
            "objectClass: top",
            "objectClass: posixGroup",
            "cn: deep",
            "gidNumber: 2000",
            "memberUid: newuser"));
    url = ldap.url();
  }

  @AfterAll
  static void stopLdap() {
    if (ldap != null) {
      ldap.close();
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
}
