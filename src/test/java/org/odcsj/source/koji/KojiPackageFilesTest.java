package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.fetch.HttpFiles;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestKeys;
import org.odcsj.testsupport.koji.KojiTestTopdir;
import org.odcsj.testsupport.koji.KojiTestTopdir.ImportedBuild;

/** Choosing and fetching an RPM's copy by sigkey, from a mounted topdir and over a topurl. */
class KojiPackageFilesTest {
  static TestKey keyA;
  static TestKey keyB;

  @TempDir Path tmp;
  KojiProtocolTestHub server;
  KojiTestTopdir topdir;
  TestHttpServer http;
  KojiBuild build;
  KojiRpm rpm;

  @BeforeAll
  static void keys() {
    keyA = KojiTestKeys.a();
    keyB = KojiTestKeys.b();
  }

  @BeforeEach
  void importBuild() {
    server = KojiProtocolTestHub.start();
    topdir = new KojiTestTopdir(tmp.resolve("koji"), server.koji());
    ImportedBuild foo =
        topdir.importBuild("foo", "1.0", "1", null, TestRpms.builder("foo", "1.0", "1", "x86_64"));
    topdir.writeSigned(foo, keyB);
    topdir.recordSignatureOnly(foo, keyA.sigkey()); // signed in Koji, but no copy written
    KojiQueries queries = new KojiQueries(new KojiHub(KojiHubSettings.of(server.url())));
    build = queries.build("foo-1.0-1").orElseThrow();
    rpm = queries.rpmsOfBuild(build.id()).get(0);
    http = TestHttpServer.serve(topdir.root());
  }

  @AfterEach
  void stop() {
    http.close();
    server.close();
  }

  private KojiPackageFiles mounted() {
    return new KojiPackageFiles(KojiTopdir.mounted(topdir.root()), new HttpFiles());
  }

  private KojiPackageFiles remote() {
    return new KojiPackageFiles(KojiTopdir.remote(URI.create(http.url() + "/")), new HttpFiles());
  }

  @Test
  void theFirstSigkeyWithACopyWinsInAMountedTopdir() throws IOException {
    Path downloads = tmp.resolve("downloads");
    KojiPackageFile file =
        mounted()
            .find(build, rpm, List.of(keyA.sigkey(), keyB.sigkey().toUpperCase(), ""), downloads)
            .orElseThrow();
    assertEquals(keyB.sigkey(), file.sigkey());
    assertEquals(topdir.root().resolve(KojiTopdir.rpmPath(build, rpm, keyB.sigkey())), file.file());
    assertEquals(Optional.empty(), mounted().find(build, rpm, List.of(keyA.sigkey()), downloads));
    assertEquals("", mounted().find(build, rpm, List.of(), downloads).orElseThrow().sigkey());
    assertTrue(Files.notExists(downloads), "nothing is downloaded from a mounted topdir");
  }

  @Test
  void aTopurlCopyIsDownloadedAndChecked() throws IOException {
    Path downloads = tmp.resolve("downloads");
    KojiPackageFile file =
        remote().find(build, rpm, List.of(keyA.sigkey(), keyB.sigkey()), downloads).orElseThrow();
    assertEquals(keyB.sigkey(), file.sigkey());
    assertEquals(downloads.resolve("foo-1.0-1.x86_64.rpm"), file.file());
    assertEquals(
        Files.size(topdir.root().resolve(KojiTopdir.rpmPath(build, rpm, keyB.sigkey()))),
        Files.size(file.file()));
    assertEquals(1, http.requestsFor("/" + keyA.sigkey() + "/x86_64/foo-1.0-1.x86_64.rpm").size());
    assertEquals(Optional.empty(), remote().find(build, rpm, List.of(keyA.sigkey()), downloads));
  }

  @Test
  void aDamagedDownloadIsRefusedAndLeavesNothingBehind() throws IOException {
    Path served = topdir.root().resolve(KojiTopdir.rpmPath(build, rpm, ""));
    Files.write(served, new byte[] {0x42}, StandardOpenOption.APPEND); // payload changed
    Path downloads = tmp.resolve("downloads");
    IOException e =
        assertThrows(IOException.class, () -> remote().find(build, rpm, List.of(""), downloads));
    assertTrue(
        e.getMessage()
            .startsWith(
                http.url()
                    + "/packages/foo/1.0/1/x86_64/foo-1.0-1.x86_64.rpm"
                    + " does not match Koji's payloadhash "
                    + rpm.payloadhash()),
        e.getMessage());
    try (Stream<Path> left = Files.list(downloads)) {
      assertEquals(List.of(), left.toList());
    }
  }
}
