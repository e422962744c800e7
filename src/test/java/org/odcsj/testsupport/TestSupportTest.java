package org.odcsj.testsupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builders other tests rely on: deterministic RPMs, createrepo_c, an isolated dnf. */
class TestSupportTest {
  @TempDir Path tmp;

  @Test
  void sameInputsGiveSameBytesAndTheUsualFileName() throws Exception {
    Path a = hello().build(tmp.resolve("a"));
    Path b = hello().build(tmp.resolve("b"));
    assertEquals("hello-1.0-1.x86_64.rpm", a.getFileName().toString());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }

  @Test
  void rpmReadsWhatWasBuilt() {
    assumeTrue(TestRepos.rpmAvailable(), "rpm not installed");
    Path rpm = hello().build(tmp);
    String out =
        ProcessRunner.run(
                List.of(
                    "rpm",
                    "-qp",
                    "--qf",
                    "%{NEVRA} %{SOURCERPM} %{BUILDHOST}\\n[%{REQUIRENEVRS}\\n]",
                    rpm.toString()))
            .orThrow()
            .output();
    assertTrue(
        out.startsWith("hello-1.0-1.x86_64 hello-1.0-1.src.rpm " + TestRpms.BUILD_HOST), out);
    assertTrue(out.contains("libgreet >= 2.0"), out);
  }

  @Test
  void signedRpmIsAcceptedByRpmWithTheKeyImported() {
    assumeTrue(TestRepos.rpmAvailable(), "rpm not installed");
    TestKey key = TestKey.generate("ODCS Test <test@odcs.example>");
    Path rpm = hello().signedWith(key).build(tmp);
    String sig =
        ProcessRunner.run(List.of("rpm", "-qp", "--qf", "%{RSAHEADER:pgpsig}", rpm.toString()))
            .orThrow()
            .output();
    assertTrue(sig.endsWith(String.format("Key ID %016x", key.keyId())), sig);
    assertTrue(sig.endsWith(key.sigkey()), sig);

    Path root = tmp.resolve("root");
    Path pub = key.writePublicKey(tmp.resolve("key.asc"));
    ProcessRunner.run(List.of("rpmkeys", "--root", root.toString(), "--import", pub.toString()))
        .orThrow();
    String check =
        ProcessRunner.run(List.of("rpmkeys", "--root", root.toString(), "-K", rpm.toString()))
            .orThrow()
            .output();
    assertTrue(check.contains("signatures OK"), check);
  }

  @Test
  void dnfInstallsFromACreaterepoRepositoryWithDependencies() {
    assumeTrue(TestRepos.createrepoAvailable() && Dnf.available(), "createrepo_c/dnf missing");
    Path repo = tmp.resolve("repo");
    hello().build(repo);
    TestRpms.builder("libgreet", "2.1", "3", "x86_64")
        .file("/usr/lib64/libgreet.so.2", "x")
        .build(repo);
    TestRepos.createrepo(repo);
    Dnf dnf = Dnf.create(tmp.resolve("dnf"), "x86_64").addRepo("test", repo.toUri().toString());
    dnf.install("hello").orThrow();
    assertTrue(dnf.isInstalled("hello"));
    assertEquals("libgreet-2.1-3.x86_64", dnf.query("libgreet").output().trim());
  }

  @Test
  void dnfWithGpgcheckInstallsSignedPackagesOnlyOnceTheKeyIsImported() {
    assumeTrue(TestRepos.createrepoAvailable() && Dnf.available(), "createrepo_c/dnf missing");
    TestKey key = TestKey.generate("ODCS Test <test@odcs.example>");
    Path repo = tmp.resolve("repo");
    TestRpms.builder("signed", "1", "1", "noarch").signedWith(key).build(repo);
    TestRepos.createrepo(repo);

    Dnf without = Dnf.create(tmp.resolve("no-key"), "x86_64");
    without.addRepo("signed", repo.toUri().toString(), true);
    assertTrue(!without.install("signed").ok(), "unknown key refused");

    Dnf with = Dnf.create(tmp.resolve("key"), "x86_64");
    with.addRepo("signed", repo.toUri().toString(), true);
    with.importKey(key.writePublicKey(tmp.resolve("key.asc"))).install("signed").orThrow();
    assertTrue(with.isInstalled("signed"));
  }

  @Test
  void gateHoldsMatchingRequestsOnlyUntilOpenedOrFailed() throws Exception {
    Files.writeString(tmp.resolve("held.txt"), "held");
    Files.writeString(tmp.resolve("free.txt"), "free");
    var client = java.net.http.HttpClient.newHttpClient();
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      TestHttpServer.Gate gate = http.hold(path -> path.endsWith("held.txt"));
      var held =
          client.sendAsync(
              java.net.http.HttpRequest.newBuilder(URI.create(http.url() + "/held.txt")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertTrue(gate.awaitRequest(Duration.ofSeconds(10)), "the request arrived");
      var free =
          client.send(
              java.net.http.HttpRequest.newBuilder(URI.create(http.url() + "/free.txt")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals("free", free.body(), "others are served meanwhile");
      assertTrue(!held.isDone(), "still held");
      gate.open();
      assertEquals("held", held.get(10, TimeUnit.SECONDS).body());

      TestHttpServer.Gate failing = http.hold(path -> path.endsWith("free.txt"));
      failing.fail(503);
      var refused =
          client.send(
              java.net.http.HttpRequest.newBuilder(URI.create(http.url() + "/free.txt")).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(503, refused.statusCode());
    }
  }

  private static TestRpms hello() {
    return TestRpms.builder("hello", "1.0", "1", "x86_64")
        .requires("libgreet", ">=", "2.0")
        .provides("greeting")
        .file("/usr/bin/hello", "#!/bin/true\n");
  }
}
