package org.odcsj.source.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.fetch.HttpFiles;
import org.odcsj.fetch.PackageFetcher;
import org.odcsj.selection.Candidate;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

class RemoteYumRepositoryTest {
  @TempDir Path tmp;

  private final PackageFetcher fetcher =
      new PackageFetcher(new HttpFiles(Duration.ofSeconds(5), Duration.ofSeconds(20)), 4);

  @BeforeEach
  void needsCreaterepo() {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
  }

  /** A repository under {@code root/repo} with foo (requires bar), bar and baz. */
  private Path threePackages(Path root) {
    Path repo = root.resolve("repo");
    TestRpms.builder("foo", 2, "1.0", "3", "x86_64")
        .requires("bar", ">=", "2")
        .provides("foo-api", "=", "1")
        .file("/usr/bin/foo", "foo")
        .file("/usr/lib64/libfoo.so.1", "elf")
        .build(repo.resolve("Packages/f"));
    TestRpms.builder("bar", "2.0", "1", "noarch")
        .file("/usr/share/bar/data", "bar")
        .build(repo.resolve("Packages/b"));
    TestRpms.builder("baz", "1", "1", "x86_64").file("/usr/bin/baz", "baz").build(repo);
    TestRepos.createrepo(repo);
    return repo;
  }

  private static Map<String, Candidate> byName(List<Candidate> candidates) {
    return candidates.stream().collect(Collectors.toMap(Candidate::name, Function.identity()));
  }

  @Test
  void candidatesOverHttpEqualThoseReadLocally() throws Exception {
    Path repo = threePackages(tmp);
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      RepoSnapshot local = YumRepositories.read(RepoLocation.parse(repo.toString()), null);
      RepoSnapshot remote = YumRepositories.read(RepoLocation.parse(http.url() + "/repo"), fetcher);

      assertEquals(local.revision(), remote.revision());
      assertEquals(local.fingerprint(), remote.fingerprint());
      assertEquals(
          local.fingerprint(),
          YumRepositories.fingerprint(RepoLocation.parse(http.url() + "/repo/"), fetcher.http()));
      assertEquals(3, remote.candidates().size());
      for (int i = 0; i < local.candidates().size(); i++) {
        Candidate l = local.candidates().get(i);
        Candidate r = remote.candidates().get(i);
        assertEquals(l.nevra(), r.nevra());
        assertEquals(l.checksumType(), r.checksumType());
        assertEquals(l.checksum(), r.checksum());
        assertEquals(l.size(), r.size());
        assertEquals(l.sourcerpm(), r.sourcerpm());
        assertEquals(l.provides(), r.provides());
        assertEquals(l.requires(), r.requires());
        assertEquals(l.conflicts(), r.conflicts());
        assertEquals(l.obsoletes(), r.obsoletes());
        assertEquals(l.files(), r.files());
        String relative = repo.relativize(Path.of(l.location())).toString();
        assertEquals(http.url() + "/repo/" + relative, r.location());
        assertTrue(YumRepositories.isRemote(r));
        assertFalse(YumRepositories.isRemote(l));
        assertFalse(r.sigkey().isKnown());
      }
      assertEquals(List.of("/usr/bin/foo", "/usr/lib64/libfoo.so.1"), sortedFiles(remote, "foo"));
      // metadata only: no RPM was fetched
      assertTrue(http.requests().stream().noneMatch(q -> q.path().endsWith(".rpm")));
    }
  }

  private static List<String> sortedFiles(RepoSnapshot snapshot, String name) {
    return byName(snapshot.candidates()).get(name).files().stream().sorted().toList();
  }

  @Test
  void readsXzMetadataOverHttp() throws Exception {
    Path repo = tmp.resolve("repo");
    TestRpms.builder("foo", "1", "1", "noarch").build(repo);
    TestRepos.createrepo(repo, List.of("--general-compress-type=xz"));
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      RemoteRepositoryContent content =
          RemoteYumRepositoryReader.readWithDetails(
              RepoLocation.remote(http.url() + "/repo"), fetcher.http());
      assertEquals("foo-1-1.noarch", content.packages().get(0).metadata().source().nevra());
      assertTrue(content.packages().get(0).headerEnd() > 0);
    }
  }

  @Test
  void downloadsOnlyTheSelectedPackagesOnceAndReturnsLocalOnesAsTheyAre() throws Exception {
    Path repo = threePackages(tmp);
    Path other = tmp.resolve("local");
    Path localRpm = TestRpms.builder("qux", "1", "1", "noarch").build(other);
    TestRepos.createrepo(other);
    Candidate localQux = YumRepositories.read(RepoLocation.local(other), null).candidates().get(0);
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      Map<String, Candidate> remote =
          byName(
              YumRepositories.read(RepoLocation.parse(http.url() + "/repo"), fetcher).candidates());
      Path downloads = tmp.resolve("staging/downloads");
      List<Candidate> selected =
          List.of(remote.get("foo"), localQux, remote.get("bar"), remote.get("foo"));

      List<Path> paths = fetcher.materialize(selected, downloads);

      assertEquals(4, paths.size());
      assertEquals(localRpm.toAbsolutePath(), paths.get(1));
      assertEquals(paths.get(0), paths.get(3));
      assertEquals(downloads.resolve("foo-1.0-3.x86_64.rpm"), paths.get(0));
      assertEquals(downloads.resolve("bar-2.0-1.noarch.rpm"), paths.get(2));
      assertArrayEquals(
          Files.readAllBytes(repo.resolve("Packages/f/foo-1.0-3.x86_64.rpm")),
          Files.readAllBytes(paths.get(0)));
      assertArrayEquals(
          Files.readAllBytes(repo.resolve("Packages/b/bar-2.0-1.noarch.rpm")),
          Files.readAllBytes(paths.get(2)));
      assertEquals(1, http.requestsFor("/foo-1.0-3.x86_64.rpm").size());
      assertEquals(1, http.requestsFor("/bar-2.0-1.noarch.rpm").size());
      assertEquals(List.of(), http.requestsFor("/baz-1-1.x86_64.rpm"), "never selected");
      try (Stream<Path> files = Files.list(downloads)) {
        assertEquals(
            List.of("bar-2.0-1.noarch.rpm", "foo-1.0-3.x86_64.rpm"),
            files.map(p -> p.getFileName().toString()).sorted().toList(),
            "no temporary files left");
      }

      // again, and through a fresh fetcher: nothing fetched twice
      http.clearRequests();
      assertEquals(paths, fetcher.materialize(selected, downloads));
      PackageFetcher fresh = new PackageFetcher();
      Map<String, Candidate> again =
          byName(
              YumRepositories.read(RepoLocation.parse(http.url() + "/repo"), fresh).candidates());
      assertEquals(List.of(paths.get(0)), fresh.materialize(List.of(again.get("foo")), downloads));
      assertTrue(http.requests().stream().noneMatch(q -> q.path().endsWith(".rpm")));
    }
  }

  @Test
  void downloadsRunInParallelButNoMoreThanAskedFor() throws Exception {
    Path repo = tmp.resolve("repo");
    for (int i = 0; i < 8; i++) {
      TestRpms.builder("p" + i, "1", "1", "noarch")
          .file("/usr/share/p" + i, "x".repeat(i))
          .build(repo);
    }
    TestRepos.createrepo(repo);
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      // a slow front that redirects to the files: counts how many RPM requests are in flight
      HttpServer front =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService threads = Executors.newCachedThreadPool();
      front.setExecutor(threads);
      AtomicInteger inFlight = new AtomicInteger();
      AtomicInteger maxInFlight = new AtomicInteger();
      front.createContext(
          "/",
          exchange -> {
            try (exchange) {
              String path = exchange.getRequestURI().getRawPath();
              if (path.endsWith(".rpm")) {
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                try {
                  Thread.sleep(100);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  inFlight.decrementAndGet();
                }
              }
              exchange.getResponseHeaders().set("Location", http.url() + path);
              exchange.sendResponseHeaders(307, -1);
            }
          });
      front.start();
      try {
        PackageFetcher two = new PackageFetcher(new HttpFiles(), 2);
        String base = "http://127.0.0.1:" + front.getAddress().getPort() + "/repo";
        List<Candidate> all = YumRepositories.read(RepoLocation.parse(base), two).candidates();
        List<Path> paths = two.materialize(all, tmp.resolve("dl"));
        assertEquals(8, paths.size());
        for (Path p : paths) {
          assertArrayEquals(
              Files.readAllBytes(repo.resolve(p.getFileName())), Files.readAllBytes(p));
        }
        assertEquals(2, maxInFlight.get());
        assertEquals(8, http.requests().stream().filter(q -> q.path().endsWith(".rpm")).count());
      } finally {
        front.stop(0);
        threads.shutdownNow();
      }
    }
  }

  @Test
  void aCorruptedRpmFailsNamingThePackageAndUrlAndLeavesNothingBehind() throws Exception {
    Path repo = threePackages(tmp);
    Path bar = repo.resolve("Packages/b/bar-2.0-1.noarch.rpm");
    byte[] bytes = Files.readAllBytes(bar);
    bytes[bytes.length - 10] ^= 0x55; // same size, other checksum
    Files.write(bar, bytes);
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      Map<String, Candidate> remote =
          byName(
              YumRepositories.read(RepoLocation.parse(http.url() + "/repo"), fetcher).candidates());
      Path downloads = tmp.resolve("downloads");
      IOException e =
          assertThrows(
              IOException.class,
              () -> fetcher.materialize(List.of(remote.get("bar"), remote.get("foo")), downloads));
      assertTrue(e.getMessage().contains("Checksum mismatch"), e.getMessage());
      assertTrue(e.getMessage().contains("bar-2.0-1.noarch"), e.getMessage());
      assertTrue(
          e.getMessage().contains(http.url() + "/repo/Packages/b/bar-2.0-1.noarch.rpm"),
          e.getMessage());
      try (Stream<Path> files = Files.list(downloads)) {
        assertTrue(
            files.noneMatch(
                p ->
                    p.getFileName().toString().startsWith("bar")
                        || p.getFileName().toString().endsWith(".part")));
      }
    }
  }

  @Test
  void aTruncatedRpmFailsOnItsSize() throws Exception {
    Path repo = threePackages(tmp);
    Path baz = repo.resolve("baz-1-1.x86_64.rpm");
    byte[] bytes = Files.readAllBytes(baz);
    Files.write(baz, java.util.Arrays.copyOf(bytes, bytes.length - 100));
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      Candidate c =
          byName(
                  YumRepositories.read(RepoLocation.parse(http.url() + "/repo"), fetcher)
                      .candidates())
              .get("baz");
      IOException e =
          assertThrows(IOException.class, () -> fetcher.materialize(List.of(c), tmp.resolve("dl")));
      assertTrue(
          e.getMessage().startsWith("Size mismatch for baz-1-1.x86_64 from http"), e.getMessage());
    }
  }

  @Test
  void aMissingRepomdFailsWithTheUrlAndStatus() throws Exception {
    Files.createDirectories(tmp.resolve("empty"));
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      FileNotFoundException e =
          assertThrows(
              FileNotFoundException.class,
              () -> YumRepositories.read(RepoLocation.parse(http.url() + "/empty"), fetcher));
      assertEquals(
          "Cannot fetch " + http.url() + "/empty/repodata/repomd.xml: HTTP 404", e.getMessage());
    }
  }

  @Test
  void modifiedMetadataFailsItsChecksum() throws Exception {
    Path repo = tmp.resolve("repo");
    TestRpms.builder("foo", "1", "1", "noarch").build(repo);
    TestRepos.createrepo(repo, List.of("--general-compress-type=gz"));
    Path primary;
    try (Stream<Path> files = Files.list(repo.resolve("repodata"))) {
      primary = files.filter(p -> p.toString().endsWith("primary.xml.gz")).findFirst().get();
    }
    byte[] bytes = Files.readAllBytes(primary);
    Files.write(primary, java.util.Arrays.copyOf(bytes, bytes.length + 1)); // trailing garbage
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      IOException e =
          assertThrows(
              IOException.class,
              () -> YumRepositories.read(RepoLocation.parse(http.url() + "/repo"), fetcher));
      assertTrue(e.getMessage().contains(http.url() + "/repo/repodata/"), e.getMessage());
      assertTrue(e.getMessage().contains("has checksum"), e.getMessage());
    }
  }

  @Test
  void theSigkeyOfARemotePackageComesFromItsHeaderAlone() throws Exception {
    TestKey key = TestKey.generate("ODCS-J remote test <test@example.com>");
    Path repo = tmp.resolve("repo");
    Path signed =
        TestRpms.builder("signed", "1", "1", "noarch")
            .file("/usr/share/signed/big", "payload ".repeat(20_000))
            .signedWith(key)
            .build(repo);
    TestRpms.builder("plain", "1", "1", "noarch").build(repo);
    TestRepos.createrepo(repo);
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      Map<String, Candidate> remote =
          byName(
              YumRepositories.read(RepoLocation.parse(http.url() + "/repo"), fetcher).candidates());

      assertEquals(key.sigkey(), remote.get("signed").sigkey().get());
      assertEquals("", remote.get("plain").sigkey().get());

      List<TestHttpServer.Request> requests = http.requestsFor("/signed-1-1.noarch.rpm");
      assertEquals(1, requests.size());
      String range = requests.get(0).header("Range");
      assertTrue(range != null && range.matches("bytes=0-\\d+"), String.valueOf(range));
      long last = Long.parseLong(range.substring("bytes=0-".length()));
      assertTrue(last + 1 < Files.size(signed), "only the headers: " + range);
      assertEquals(key.sigkey(), remote.get("signed").sigkey().get(), "read once");
      assertEquals(1, http.requestsFor("/signed-1-1.noarch.rpm").size());
    }
  }

  @Test
  void withoutAHeaderRangeTheSigkeyIsReadFromTheStartOfTheFile() throws Exception {
    TestKey key = TestKey.generate("ODCS-J remote test <test@example.com>");
    Path repo = tmp.resolve("repo");
    TestRpms.builder("signed", "1", "1", "noarch").signedWith(key).build(repo);
    TestRepos.createrepo(repo);
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      String location = http.url() + "/repo/signed-1-1.noarch.rpm";
      assertEquals(key.sigkey(), fetcher.readSigkey(location, 0));
      assertEquals(null, http.requestsFor("/signed-1-1.noarch.rpm").get(0).header("Range"));
    }
  }

  @Test
  void aDownloadedPackageIsNotFetchedAgainForItsSigkey() throws Exception {
    TestKey key = TestKey.generate("ODCS-J remote test <test@example.com>");
    Path repo = tmp.resolve("repo");
    TestRpms.builder("signed", "1", "1", "noarch").signedWith(key).build(repo);
    TestRepos.createrepo(repo);
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      Candidate c =
          YumRepositories.read(RepoLocation.parse(http.url() + "/repo"), fetcher)
              .candidates()
              .get(0);
      fetcher.materialize(List.of(c), tmp.resolve("dl"));
      assertEquals(key.sigkey(), c.sigkey().get());
      assertEquals(1, http.requestsFor("/signed-1-1.noarch.rpm").size());
    }
  }

  @Test
  void followsRedirects() throws Exception {
    threePackages(tmp);
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      HttpServer redirector =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      AtomicInteger redirected = new AtomicInteger();
      redirector.createContext(
          "/",
          exchange -> {
            try (exchange) {
              redirected.incrementAndGet();
              String path = exchange.getRequestURI().getRawPath().replaceFirst("^/mirror", "");
              exchange.getResponseHeaders().set("Location", http.url() + path);
              exchange.sendResponseHeaders(302, -1);
            }
          });
      redirector.start();
      try {
        String base = "http://127.0.0.1:" + redirector.getAddress().getPort() + "/mirror/repo";
        List<Candidate> candidates =
            YumRepositories.read(RepoLocation.parse(base), fetcher).candidates();
        assertEquals(3, candidates.size());
        List<Path> paths =
            fetcher.materialize(List.of(byName(candidates).get("baz")), tmp.resolve("dl"));
        assertTrue(Files.isRegularFile(paths.get(0)));
        assertTrue(redirected.get() >= 3); // repomd, primary, filelists, the RPM
      } finally {
        redirector.stop(0);
      }
    }
  }

  @Test
  void credentialsAreSentButNeverShown() throws Exception {
    threePackages(tmp);
    try (TestHttpServer http = TestHttpServer.serve(tmp)) {
      String base = http.url().replace("http://", "http://odcs:s3cret@") + "/repo";
      RepoLocation location = RepoLocation.parse(base);
      assertFalse(location.toString().contains("s3cret"), location.toString());
      List<Candidate> candidates = YumRepositories.read(location, fetcher).candidates();
      candidates.forEach(c -> assertFalse(c.location().contains("s3cret"), c.location()));
      fetcher.materialize(List.of(byName(candidates).get("baz")), tmp.resolve("dl"));
      String expected =
          "Basic "
              + java.util.Base64.getEncoder()
                  .encodeToString("odcs:s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      assertFalse(http.requests().isEmpty());
      http.requests().forEach(q -> assertEquals(expected, q.header("Authorization"), q.path()));

      Files.createDirectories(tmp.resolve("empty"));
      IOException e =
          assertThrows(
              IOException.class,
              () ->
                  YumRepositories.read(
                      RepoLocation.parse(base.replace("/repo", "/empty")), fetcher));
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
  }

  @Test
  void aConnectionFailureNamesTheUrl() throws Exception {
    int port;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String base = "http://127.0.0.1:" + port + "/repo";
    IOException e =
        assertThrows(
            IOException.class, () -> YumRepositories.read(RepoLocation.parse(base), fetcher));
    assertTrue(
        e.getMessage().startsWith("Cannot fetch " + base + "/repodata/repomd.xml: "),
        e.getMessage());
  }

  @Test
  void onlyHttpAndHttpsUrlsAndLocalPathsAreLocations() {
    assertEquals(RepoLocation.local(Path.of("/srv/repo")), RepoLocation.parse("/srv/repo"));
    assertEquals(RepoLocation.local(Path.of("/srv/repo")), RepoLocation.parse("file:///srv/repo"));
    assertTrue(RepoLocation.parse("https://example.com/repo") instanceof RepoLocation.Remote);
    assertEquals(
        "http://example.com/repo/", RepoLocation.parse("HTTP://example.com/repo").toString());
    for (String bad :
        List.of("ftp://example.com/repo", "rsync://example.com/repo", "jar:file:/x!/y")) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> RepoLocation.parse(bad));
      assertTrue(e.getMessage().contains("only http and https"), e.getMessage());
    }
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RepoLocation.parse("ftp://user:pw@example.com/repo"));
    assertFalse(e.getMessage().contains("pw"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> RepoLocation.remote("http:///no-host"));
    assertThrows(IllegalArgumentException.class, () -> RepoLocation.remote("/srv/repo"));
  }

  @Test
  void resolvesHrefsAndXmlBase() throws Exception {
    RepoLocation.Remote repo = RepoLocation.remote("https://u:p@koji.example/repos/f40/x86_64");
    assertEquals("https://koji.example/repos/f40/x86_64/", repo.toString());
    assertEquals(
        "https://u:p@koji.example/repos/f40/x86_64/Packages/a/a-1-1.noarch.rpm",
        repo.resolve(null, "Packages/a/a-1-1.noarch.rpm").toString());
    assertEquals(
        "https://pkgs.example/vol/toplink/a-1-1.noarch.rpm",
        repo.resolve("https://pkgs.example/vol/toplink", "a-1-1.noarch.rpm").toString());
    assertEquals(
        "https://u:p@koji.example/repos/f40/other/c++-1-1.noarch.rpm",
        repo.resolve("../other/", "c++-1-1.noarch.rpm").toString());
    assertEquals(
        "https://u:p@koji.example/repos/f40/x86_64/a%20b.rpm",
        repo.resolve(null, "a b.rpm").toString());
    assertEquals(
        "https://u:p@koji.example/repos/f40/x86_64/file:x.rpm",
        repo.resolve(null, "file:x.rpm").toString());
    IOException e =
        assertThrows(IOException.class, () -> repo.resolve("file:///mnt/koji", "a.rpm"));
    assertTrue(e.getMessage().contains("not an http(s) URL"), e.getMessage());
    assertEquals(
        "https://u:p@koji.example/repos/f40/x86_64/repodata/repomd.xml",
        repo.repomdUrl().toString());
  }

  @Test
  void aLocalRepositoryNeedsNoFetcher() throws Exception {
    Path repo = threePackages(tmp);
    List<Candidate> candidates =
        new YumRepositorySource(RepoLocation.local(repo), null).candidates();
    assertEquals(
        new YumRepositorySource(repo).candidates().stream().map(Candidate::location).toList(),
        candidates.stream().map(Candidate::location).toList());
    List<Path> paths = fetcher.materialize(candidates, tmp.resolve("unused"));
    assertEquals(
        candidates.stream().map(c -> Path.of(c.location())).toList(), new ArrayList<>(paths));
    assertFalse(Files.exists(tmp.resolve("unused")));
    assertNotEquals(
        List.of(), candidates.stream().sorted(Comparator.comparing(Candidate::name)).toList());
  }
}
