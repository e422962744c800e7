package org.odcsj.it;

import java.util.Map;
import java.util.UUID;
import org.odcsj.testsupport.pulp.PulpProtocolTestServer;

/**
 * The Pulp the shared server composes pulp sources from: a Pulp protocol test server (real HTTP,
 * Pulp 2's search and repository JSON behind Basic auth) on loopback in the test JVM, serving yum
 * repositories the tests build under its root. Tests add their own repositories (unique names),
 * live.
 */
public final class PulpFixture {

  private static PulpProtocolTestServer instance;

  private PulpFixture() {}

  public static synchronized PulpProtocolTestServer get() {
    if (instance == null) {
      instance =
          PulpProtocolTestServer.start(
              TestEnvironment.current().itDir().resolve("pulp"),
              "odcs-it",
              "pulp-" + UUID.randomUUID());
    }
    return instance;
  }

  /** What the server needs to reach this Pulp. */
  public static Map<String, String> serverEnvironment() {
    PulpProtocolTestServer pulp = get();
    return Map.of(
        "ODCS_PULP_URL", pulp.url() + "/",
        "ODCS_PULP_USERNAME", pulp.username(),
        "ODCS_PULP_PASSWORD", pulp.password());
  }
}
