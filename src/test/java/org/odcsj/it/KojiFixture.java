package org.odcsj.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestModel;
import org.odcsj.testsupport.koji.KojiTestTopdir;
import org.odcsj.testsupport.mbs.MbsProtocolTestServer;

/**
 * The Koji the shared server composes from: a Koji protocol test hub (real HTTP, XML-RPC as a Koji
 * hub sends it) on loopback in the test JVM, and a real topdir of test-built RPMs the server reads
 * as Koji's mounted volume; and an MBS protocol test server for module composes. Tests add their
 * own tags and builds (unique names), live.
 */
public final class KojiFixture {

  private static KojiFixture instance;

  private final KojiProtocolTestHub hub;
  private final KojiTestTopdir topdir;
  private final MbsProtocolTestServer mbs;

  private KojiFixture(KojiProtocolTestHub hub, KojiTestTopdir topdir, MbsProtocolTestServer mbs) {
    this.hub = hub;
    this.topdir = topdir;
    this.mbs = mbs;
  }

  public static synchronized KojiFixture get() {
    if (instance == null) {
      try {
        Path root = TestEnvironment.current().itDir().resolve("koji/topdir");
        Files.createDirectories(root);
        KojiProtocolTestHub hub = KojiProtocolTestHub.start();
        instance =
            new KojiFixture(
                hub, new KojiTestTopdir(root, hub.koji()), MbsProtocolTestServer.start());
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

  /** The MBS protocol test server module composes resolve through. */
  public MbsProtocolTestServer mbs() {
    return mbs;
  }

  /** What the server at {@code baseUrl} needs to reach this Koji (and its own composes). */
  public Map<String, String> serverEnvironment(String baseUrl) {
    return Map.of(
        "ODCS_KOJI_HUB_URL", hub.url().toString(),
        "ODCS_KOJI_TOPDIR", topdir.root().toString(),
        "ODCS_MBS_URL", mbs.url(),
        "ODCS_MODULE_DEFAULTS_ALLOWED_PREFIXES",
            "https://,http://," + TestEnvironment.current().itDir().resolve("git").toUri(),
        "ODCS_PUNGI_COMPOSE_ALLOWED_ROOTS", baseUrl + "/composes/");
  }
}
