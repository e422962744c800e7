package org.odcsj.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestModel;
import org.odcsj.testsupport.koji.KojiTestTopdir;

/**
 * The Koji the shared server composes from: a Koji protocol test hub (real HTTP, XML-RPC as a Koji
 * hub sends it) on loopback in the test JVM, and a real topdir of test-built RPMs the server reads
 * as Koji's mounted volume. Tests add their own tags and builds (unique names), live.
 */
public final class KojiFixture {

  private static KojiFixture instance;

  private final KojiProtocolTestHub hub;
  private final KojiTestTopdir topdir;

  private KojiFixture(KojiProtocolTestHub hub, KojiTestTopdir topdir) {
    this.hub = hub;
    this.topdir = topdir;
  }

  public static synchronized KojiFixture get() {
    if (instance == null) {
      try {
        Path root = TestEnvironment.current().itDir().resolve("koji/topdir");
        Files.createDirectories(root);
        KojiProtocolTestHub hub = KojiProtocolTestHub.start();
        instance = new KojiFixture(hub, new KojiTestTopdir(root, hub.koji()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return instance;
  }

  public KojiProtocolTestHub hub() {
    return hub;
  }

  public KojiTestModel koji() {
    return hub.koji();
  }

  public KojiTestTopdir topdir() {
    return topdir;
  }

  /** What the server at {@code baseUrl} needs to reach this Koji (and its own composes). */
  public Map<String, String> serverEnvironment(String baseUrl) {
    return Map.of(
        "ODCS_KOJI_HUB_URL", hub.url().toString(),
        "ODCS_KOJI_TOPDIR", topdir.root().toString(),
        "ODCS_PUNGI_COMPOSE_ALLOWED_ROOTS", baseUrl + "/composes/");
  }
}
