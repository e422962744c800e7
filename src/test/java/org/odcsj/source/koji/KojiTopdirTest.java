package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.testsupport.ProcessRunner;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestKeys;
import org.odcsj.testsupport.koji.KojiTestModel;
import org.odcsj.testsupport.koji.KojiTestTopdir;
import org.odcsj.testsupport.koji.KojiTestTopdir.ImportedBuild;

/**
 * The topdir layout and payloadhash checks on a real topdir: build c0031-1.9-2 (c0031 and
 * c0031-libs) imported by the Koji protocol test hub, with signed copies made with two keys.
 */
class KojiTopdirTest {
  static TestKey keyA;
  static TestKey keyB;

  @TempDir Path tmp;
  KojiProtocolTestHub server;
  KojiQueries queries;
  KojiTestTopdir topdir;
  KojiBuild build;
  List<KojiRpm> rpms;

  @BeforeAll
  static void keys() {
    keyA = KojiTestKeys.a();
    keyB = KojiTestKeys.b();
  }

  @BeforeEach
  void importBuild() {
    server = KojiProtocolTestHub.start();
    KojiTestModel koji = server.koji();
    topdir = new KojiTestTopdir(tmp.resolve("koji"), koji);
    ImportedBuild c0031 =
        topdir.importBuild(
            "c0031",
            "1.9",
            "2",
            null,
            TestRpms.builder("c0031", "1.9", "2", "x86_64").file("/usr/bin/c0031", "#!/bin/sh\n"),
            TestRpms.builder("c0031-libs", "1.9", "2", "i686")
                .sourceRpm("c0031-1.9-2.src.rpm")
                .file("/usr/lib/libc0031.so.1", "not really a library"));
    topdir.writeSigned(c0031, keyA);
    topdir.writeSigned(c0031, keyB);
    queries = new KojiQueries(new KojiHub(KojiHubSettings.of(server.url())));
    build = queries.build("c0031-1.9-2").orElseThrow();
    rpms = queries.rpmsOfBuild(build.id());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void pathsAreNamedAfterTheBuildAndSigkeysAreLowercase() {
    KojiRpm libs = rpms.get(1);
    assertEquals(
        "packages/c0031/1.9/2/i686/c0031-libs-1.9-2.i686.rpm", KojiTopdir.rpmPath(build, libs, ""));
    assertEquals(KojiTopdir.rpmPath(build, libs, ""), KojiTopdir.rpmPath(build, libs, null));
    assertEquals(
        "packages/c0031/1.9/2/data/signed/0a1b2c3d/i686/c0031-libs-1.9-2.i686.rpm",
        KojiTopdir.rpmPath(build, libs, "0A1B2C3D"));
    assertEquals("repos/f40-build/42/i386/", KojiTopdir.repoPath("f40-build", 42, "i686"));
    assertEquals("repos/f40-build/42/x86_64/", KojiTopdir.repoPath("f40-build", 42, "x86_64"));
  }

  @Test
  void everyCopyInTheTopdirMatchesKojisPayloadhash() throws IOException {
    KojiTopdir mounted = KojiTopdir.mounted(topdir.root());
    assertTrue(mounted.isMounted());
    for (KojiRpm rpm : rpms) {
      Path unsigned = mounted.file(KojiTopdir.rpmPath(build, rpm, ""));
      Path signedA = mounted.file(KojiTopdir.rpmPath(build, rpm, keyA.sigkey().toUpperCase()));
      Path signedB = mounted.file(KojiTopdir.rpmPath(build, rpm, keyB.sigkey()));
      for (Path copy : List.of(unsigned, signedA, signedB)) {
        assertTrue(Files.isRegularFile(copy), copy + " exists");
        assertEquals(rpm.payloadhash(), PayloadHash.of(copy), copy.toString());
        PayloadHash.verify(copy, rpm.payloadhash().toUpperCase(), copy.toString());
      }
      assertFalse(
          Arrays.equals(Files.readAllBytes(unsigned), Files.readAllBytes(signedA)),
          "a signed copy differs in its signature header");
      assertEquals(rpm.size(), Files.size(unsigned));
    }
  }

  @Test
  void payloadhashIsWhatRpmCallsSigmd5() throws IOException {
    assumeTrue(ProcessRunner.onPath("rpm"), "rpm is not installed");
    Path file = KojiTopdir.mounted(topdir.root()).file(KojiTopdir.rpmPath(build, rpms.get(0), ""));
    ProcessRunner.Result sigmd5 =
        ProcessRunner.run(
                List.of("rpm", "-qp", "--nosignature", "--qf", "%{SIGMD5}", file.toString()))
            .orThrow();
    assertEquals(sigmd5.output().trim(), PayloadHash.of(file));
  }

  @Test
  void aDamagedCopyIsRefusedNamingBothHashes() throws IOException {
    KojiRpm rpm = rpms.get(0);
    Path good = KojiTopdir.mounted(topdir.root()).file(KojiTopdir.rpmPath(build, rpm, ""));
    Path damaged = Files.copy(good, tmp.resolve("damaged.rpm"));
    try (RandomAccessFile f = new RandomAccessFile(damaged.toFile(), "rw")) {
      f.seek(f.length() - 10); // inside the payload
      int b = f.read();
      f.seek(f.length() - 10);
      f.write(b ^ 0xff);
    }
    IOException e =
        assertThrows(
            IOException.class,
            () -> PayloadHash.verify(damaged, rpm.payloadhash(), "c0031-1.9-2.x86_64.rpm"));
    assertTrue(
        e.getMessage()
            .startsWith(
                "c0031-1.9-2.x86_64.rpm does not match Koji's payloadhash " + rpm.payloadhash()),
        e.getMessage());
    assertTrue(e.getMessage().contains(PayloadHash.of(damaged)), e.getMessage());

    Path notRpm = Files.writeString(tmp.resolve("index.html"), "<html>Not Found</html>");
    IOException garbage =
        assertThrows(IOException.class, () -> PayloadHash.verify(notRpm, rpm.payloadhash(), "x"));
    assertTrue(garbage.getMessage().contains("is not a readable RPM file"), garbage.getMessage());
  }

  @Test
  void theSameLayoutServedOverHttpDownloadsVerifiableCopies() throws Exception {
    try (TestHttpServer http = TestHttpServer.serve(topdir.root())) {
      KojiTopdir remote = KojiTopdir.remote(URI.create(http.url() + "/kojifiles"));
      assertFalse(remote.isMounted());
      KojiRpm rpm = rpms.get(1);
      URI url = remote.url(KojiTopdir.rpmPath(build, rpm, keyB.sigkey()));
      assertEquals(
          http.url()
              + "/kojifiles/packages/c0031/1.9/2/data/signed/"
              + keyB.sigkey()
              + "/i686/c0031-libs-1.9-2.i686.rpm",
          url.toString());
      // the test server serves its root at /, so drop the /kojifiles prefix for the request
      URI served = URI.create(url.toString().replace("/kojifiles/", "/"));
      Path downloaded = tmp.resolve("download.rpm");
      HttpResponse<Path> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(served).build(),
                  HttpResponse.BodyHandlers.ofFile(downloaded));
      assertEquals(200, response.statusCode());
      PayloadHash.verify(downloaded, rpm.payloadhash(), url.toString());
    }
  }

  @Test
  void urlsQuoteWhatAUriCannotHold() {
    KojiTopdir remote = KojiTopdir.remote(URI.create("https://kojipkgs.example.org"));
    assertEquals(
        "https://kojipkgs.example.org/packages/x/1.0%5Egit1/1/noarch/x-1.0%5Egit1-1.noarch.rpm",
        remote.url("packages/x/1.0^git1/1/noarch/x-1.0^git1-1.noarch.rpm").toString());
    assertThrows(IllegalStateException.class, () -> remote.file("packages"));
    assertThrows(
        IllegalStateException.class, () -> KojiTopdir.mounted(Path.of("/mnt/koji")).url("x"));
  }
}
