package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestKeys;
import org.odcsj.testsupport.koji.KojiTestTopdir;
import org.odcsj.testsupport.koji.KojiTestTopdir.ImportedBuild;

/**
 * Choosing each RPM's copy by sigkey against the Koji protocol test hub and a real topdir of real
 * RPMs: foo-1.0-1 is signed with key B (copy written) and recorded as signed with key A (no copy);
 * bar-1-1 is unsigned.
 */
class KojiSignedCopiesTest {
  static TestKey keyA;
  static TestKey keyB;

  @TempDir Path tmp;
  KojiProtocolTestHub server;
  KojiTestTopdir topdir;
  KojiQueries queries;
  TestHttpServer http;
  List<KojiBuildRpm> rpms;

  @BeforeAll
  static void keys() {
    keyA = KojiTestKeys.a();
    keyB = KojiTestKeys.b();
  }

  @BeforeEach
  void importBuilds() {
    server = KojiProtocolTestHub.start();
    topdir = new KojiTestTopdir(tmp.resolve("koji"), server.koji());
    ImportedBuild foo =
        topdir.importBuild("foo", "1.0", "1", null, TestRpms.builder("foo", "1.0", "1", "x86_64"));
    topdir.writeSigned(foo, keyB);
    topdir.recordSignatureOnly(foo, keyA.sigkey());
    topdir.importBuild("bar", "1", "1", null, TestRpms.builder("bar", "1", "1", "noarch"));
    queries = new KojiQueries(new KojiHub(KojiHubSettings.of(server.url())));
    rpms =
        new KojiPackageSetReader(queries)
            .ofBuilds(List.of("foo-1.0-1", "bar-1-1"), List.of())
            .rpms();
    http = TestHttpServer.serve(topdir.root());
  }

  @AfterEach
  void stop() {
    http.close();
    server.close();
  }

  private KojiSignedCopies mounted() {
    return new KojiSignedCopies(queries, KojiTopdir.mounted(topdir.root()));
  }

  private KojiSignedCopies remote() {
    return new KojiSignedCopies(queries, KojiTopdir.remote(URI.create(http.url() + "/")));
  }

  @Test
  void theFirstKeyWithASignedCopyWinsAndTheEmptyKeyAllowsUnsigned() throws IOException {
    server.clearRequests();
    List<KojiRpmCopy> copies =
        mounted().choose(rpms, List.of(keyA.sigkey(), keyB.sigkey().toUpperCase(), ""));
    assertEquals(1, server.requests().size(), "the signatures of all RPMs in one multiCall");
    KojiRpmCopy foo = copies.get(0);
    assertEquals("foo-1.0-1.x86_64", foo.rpm().rpm().nvra());
    assertEquals(keyB.sigkey(), foo.sigkey()); // A is known to Koji, but has no copy
    assertEquals(
        topdir
            .root()
            .resolve(
                "packages/foo/1.0/1/data/signed/" + keyB.sigkey() + "/x86_64/foo-1.0-1.x86_64.rpm"),
        foo.file());
    assertNull(foo.url());
    assertEquals(foo.rpm().rpm().payloadhash(), foo.payloadhash());
    assertEquals(PayloadHash.of(foo.file()), foo.payloadhash()); // the signed copy checks out
    KojiRpmCopy bar = copies.get(1);
    assertEquals("", bar.sigkey());
    assertEquals(topdir.root().resolve("packages/bar/1/1/noarch/bar-1-1.noarch.rpm"), bar.file());
  }

  @Test
  void noKeysMeansUnsigned() {
    List<KojiRpmCopy> copies = mounted().choose(rpms, List.of());
    assertEquals(List.of("", ""), copies.stream().map(KojiRpmCopy::sigkey).toList());
    assertEquals(
        topdir.root().resolve("packages/foo/1.0/1/x86_64/foo-1.0-1.x86_64.rpm"),
        copies.get(0).file());
  }

  @Test
  void packagesWithoutAnAcceptableCopyFailTogetherNamedWithTheKeys() {
    KojiUnsignedPackages e =
        assertThrows(
            KojiUnsignedPackages.class, () -> mounted().choose(rpms, List.of(keyA.sigkey())));
    assertEquals(
        "the following packages are not signed by any of the keys "
            + keyA.sigkey()
            + ": foo-1.0-1.x86_64 (signed with "
            + keyA.sigkey()
            + " in Koji, but no signed copy was written), bar-1-1.noarch",
        e.getMessage());
    assertEquals(2, e.missing().size());
  }

  @Test
  void aMissingUnsignedFileIsSaid() throws IOException {
    Files.delete(topdir.root().resolve("packages/bar/1/1/noarch/bar-1-1.noarch.rpm"));
    KojiUnsignedPackages e =
        assertThrows(
            KojiUnsignedPackages.class, () -> mounted().choose(rpms, List.of(keyB.sigkey(), "")));
    assertEquals(
        "the following packages are not signed by any of the keys "
            + keyB.sigkey()
            + ", <unsigned>: bar-1-1.noarch (its file is missing from Koji's topdir)",
        e.getMessage());
  }

  @Test
  void underATopurlTheCopiesAreLookedForOverHttp() {
    List<KojiRpmCopy> copies = remote().choose(rpms, List.of(keyA.sigkey(), keyB.sigkey(), ""));
    KojiRpmCopy foo = copies.get(0);
    assertEquals(keyB.sigkey(), foo.sigkey());
    assertNull(foo.file());
    assertEquals(
        URI.create(
            http.url()
                + "/packages/foo/1.0/1/data/signed/"
                + keyB.sigkey()
                + "/x86_64/foo-1.0-1.x86_64.rpm"),
        foo.url());
    assertEquals(
        List.of("HEAD"),
        http.requestsFor("/" + keyA.sigkey() + "/x86_64/foo-1.0-1.x86_64.rpm").stream()
            .map(TestHttpServer.Request::method)
            .toList());
    assertEquals(
        URI.create(http.url() + "/packages/bar/1/1/noarch/bar-1-1.noarch.rpm"),
        copies.get(1).url());
    assertEquals(
        "foo-1.0-1.x86_64",
        assertThrows(
                KojiUnsignedPackages.class, () -> remote().choose(rpms, List.of(keyA.sigkey())))
            .missing()
            .get(0)
            .nvra());
  }
}
