package org.odcsj.source.pulp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.generation.SourcePlugins;
import org.odcsj.source.InvalidSourceRequest;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;
import org.odcsj.source.TreeDestination;
import org.odcsj.source.WrittenTree;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.pulp.PulpProtocolTestServer;
import org.odcsj.testsupport.pulp.PulpProtocolTestServer.Repo;

/** The pulp source against a Pulp protocol test server serving real yum repositories. */
class PulpSourceTest {
  private static final String PASSWORD = "pulp-secret-7f3a";
  private static final SourceLog LOG =
      new SourceLog() {
        @Override
        public void info(String message) {
          assertFalse(message.contains(PASSWORD));
        }

        @Override
        public void phase(String name, int percent) {}
      };

  @TempDir static Path tmp;
  private static PulpProtocolTestServer pulp;
  private static PulpSource source;
  private static int composes;

  @BeforeAll
  static void startPulp() {
    pulp = PulpProtocolTestServer.start(tmp.resolve("pulp"), "odcs", PASSWORD);
    Path a = pulp.root().resolve("content/a/x86_64/os");
    TestRpms.builder("hello", "1.0", "1", "x86_64").build(a.resolve("Packages"));
    TestRpms.builder("common", "1.0", "1", "noarch").build(a.resolve("Packages"));
    Path b = pulp.root().resolve("content/b/x86_64/os");
    TestRpms.builder("hello", "2.0", "1", "x86_64").build(b.resolve("Packages"));
    TestRpms.builder("extra", "1.0", "1", "x86_64").build(b.resolve("Packages"));
    if (TestRepos.createrepoAvailable()) {
      TestRepos.createrepo(a);
      TestRepos.createrepo(b);
    }
    pulp.addRepository(
        new Repo("a-x86_64", "merged-cs", "content/a/x86_64/os", "x86_64", "k1", null, true));
    pulp.addRepository(
        new Repo("b-x86_64", "merged-cs", "content/b/x86_64/os", "x86_64", "k2", null, true));
    pulp.addRepository(
        new Repo("c-x86_64", "arch-cs", "content/c/x86_64/os", "x86_64", "k3", null, true));
    pulp.addRepository(
        new Repo("c-s390x", "arch-cs", "content/c/s390x/os", "s390x", "k3", null, true));
    pulp.addRepository(
        new Repo("lone-repo", null, "content/lone/x86_64/os", "x86_64", "k4,k0", null, true));
    pulp.addRepository(
        new Repo(
            "hidden-x86_64", "hidden-cs", "content/hidden/x86_64/os", "x86_64", null, null, false));
    source = new PulpSource(settings(PASSWORD), SourcePlugins::readDownloadedRepodata);
  }

  @AfterAll
  static void stopPulp() {
    pulp.close();
  }

  private static PulpSettings settings(String password) {
    return new PulpSettings(URI.create(pulp.url() + "/"), "odcs", password, Duration.ofSeconds(10));
  }

  private static ComposeSpec spec(String source, ComposeFlag... flags) {
    int mask = 0;
    for (ComposeFlag f : flags) {
      mask |= f.bit();
    }
    return ComposeSpec.builder(SourceType.PULP).source(source).flags(mask).arches("x86_64").build();
  }

  private static TreeDestination destination() throws IOException {
    int id = ++composes;
    Path staging = Files.createDirectories(tmp.resolve("target/.staging/odcs-" + id));
    return new TreeDestination(
        id,
        "odcs-" + id,
        staging,
        staging.resolve("compose/Temporary/odcs-" + id + ".repo"),
        tmp.resolve("target"),
        "http://odcs.example/composes/odcs-" + id);
  }

  private static String repoFile(TreeDestination d) throws IOException {
    return Files.readString(d.repoFile());
  }

  @Test
  void contentSetsAndRepositoryIdsBecomeRepoFileBlocks() throws Exception {
    TreeDestination d = destination();
    WrittenTree written = source.write(spec("lone-repo arch-cs"), d, LOG);
    String base = pulp.url();
    assertEquals(
        "\n[arch-cs]\nname=arch-cs\nbaseurl="
            + base
            + "/content/c/$basearch/os\nenabled=1\ngpgcheck=0\n"
            + "\n[lone-repo]\nname=lone-repo\nbaseurl="
            + base
            + "/content/lone/x86_64/os\nenabled=1\ngpgcheck=0\n",
        repoFile(d));
    assertEquals(
        "s390x x86_64", String.join(" ", SpaceJoined.items(written.resolvedSpec().arches())));
    assertEquals(List.of("k0", "k3", "k4"), SpaceJoined.items(written.resolvedSpec().sigkeys()));
    assertEquals("lone-repo arch-cs", written.resolvedSpec().source());
    var search =
        pulp.apiRequests().stream()
            .filter(r -> r.method().equals("POST"))
            .reduce((x, y) -> y)
            .orElseThrow();
    assertEquals(
        "{\"criteria\":{\"filters\":{\"notes.content_set\":{\"$in\":[\"lone-repo\",\"arch-cs\"]},"
            + "\"notes.include_in_download_service\":\"True\"},\"fields\":[\"notes\",\"id\"]}}",
        search.body());
    assertTrue(search.authorized());
  }

  @Test
  void compatibleArchFlagWritesBasearchAndSkipIfUnavailable() throws Exception {
    TreeDestination d = destination();
    source.write(spec("lone-repo", ComposeFlag.USE_ONLY_COMPATIBLE_ARCH), d, LOG);
    assertEquals(
        "\n[lone-repo]\nname=lone-repo\nbaseurl="
            + pulp.url()
            + "/content/lone/$basearch/os\nenabled=1\ngpgcheck=0\nskip_if_unavailable=1\n",
        repoFile(d));
  }

  @Test
  void missingSourcesFailTheCompose() throws Exception {
    SourceFailure f =
        assertThrows(
            SourceFailure.class, () -> source.write(spec("arch-cs nope-cs"), destination(), LOG));
    assertEquals(
        "Failed to find all the source(s) ['arch-cs', 'nope-cs'] in Pulp, found only ['arch-cs']",
        f.getMessage());
  }

  @Test
  void ignoreAbsentRewritesTheSourceToWhatWasFound() throws Exception {
    TreeDestination d = destination();
    WrittenTree w =
        source.write(spec("nope-cs arch-cs", ComposeFlag.IGNORE_ABSENT_PULP_REPOS), d, LOG);
    assertEquals("arch-cs", w.resolvedSpec().source());
    assertTrue(repoFile(d).contains("[arch-cs]"));
  }

  @Test
  void nothingFoundGivesEmptyRepositoriesAndAnEmptyRepoFile() throws Exception {
    TreeDestination d = destination();
    WrittenTree w = source.write(spec("nope-cs", ComposeFlag.IGNORE_ABSENT_PULP_REPOS), d, LOG);
    assertEquals("", w.resolvedSpec().source());
    assertEquals("", repoFile(d));
    assertTrue(
        Files.isRegularFile(
            d.staging().resolve("compose/Temporary/x86_64/os/repodata/repomd.xml")));
  }

  @Test
  void unpublishedRepositoriesOnlyWithTheFlag() throws Exception {
    assertThrows(SourceFailure.class, () -> source.write(spec("hidden-cs"), destination(), LOG));
    TreeDestination d = destination();
    source.write(spec("hidden-cs", ComposeFlag.INCLUDE_UNPUBLISHED_PULP_REPOS), d, LOG);
    assertTrue(repoFile(d).contains("baseurl=" + pulp.url() + "/content/hidden/x86_64/os\n"));
    var search =
        pulp.apiRequests().stream()
            .filter(r -> r.method().equals("POST"))
            .reduce((x, y) -> y)
            .orElseThrow();
    assertFalse(search.body().contains("include_in_download_service"), search.body());
  }

  @Test
  void wrongPasswordFailsClearlyWithoutTheSecret() {
    PulpSource wrong =
        new PulpSource(settings("not-the-" + PASSWORD), SourcePlugins::readDownloadedRepodata);
    SourceFailure f =
        assertThrows(SourceFailure.class, () -> wrong.write(spec("arch-cs"), destination(), LOG));
    assertTrue(f.getMessage().startsWith("Pulp refused the credentials of user 'odcs' (HTTP 401)"));
    assertFalse(f.getMessage().contains(PASSWORD));
    assertFalse(settings(PASSWORD).toString().contains(PASSWORD));
  }

  @Test
  void unreachablePulpFailsAsAConnectionFailure() throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    PulpSource down =
        new PulpSource(
            new PulpSettings(
                URI.create("http://127.0.0.1:" + port), "odcs", PASSWORD, Duration.ofSeconds(5)),
            SourcePlugins::readDownloadedRepodata);
    SourceFailure f =
        assertThrows(SourceFailure.class, () -> down.write(spec("arch-cs"), destination(), LOG));
    assertTrue(f.getMessage().startsWith("Pulp connection has failed: POST"), f.getMessage());
  }

  @Test
  void pulpAnswering5xxIsAskedAgainThenFailsNamingTheStatus() throws Exception {
    pulp.failNextApiRequests(2);
    TreeDestination d = destination();
    source.write(spec("lone-repo"), d, LOG);
    assertTrue(repoFile(d).contains("[lone-repo]"));
    pulp.failNextApiRequests(PulpClient.ATTEMPTS);
    SourceFailure f =
        assertThrows(SourceFailure.class, () -> source.write(spec("arch-cs"), destination(), LOG));
    assertTrue(f.getMessage().startsWith("Pulp answered HTTP 503 for POST "), f.getMessage());
    pulp.failNextApiRequests(0);
  }

  @Test
  void invalidSourcesAreRefusedAtSubmission() {
    assertThrows(InvalidSourceRequest.class, () -> source.validate(spec("")));
    assertThrows(InvalidSourceRequest.class, () -> source.validate(spec("../../etc")));
    assertThrows(InvalidSourceRequest.class, () -> source.validate(spec("a/b")));
  }

  @Test
  void repositoriesDifferingByMoreThanArchAreMergedNewestFirstAndCached() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c builds the Pulp repositories");
    TreeDestination d = destination();
    WrittenTree w = source.write(spec("merged-cs"), d, LOG);
    assertEquals(
        "\n[merged-cs]\nname=merged-cs\nbaseurl="
            + d.composeUrl()
            + "/compose/Temporary/merged-cs/$basearch\nenabled=1\ngpgcheck=0\n",
        repoFile(d));
    assertEquals(3, w.packageCount());
    assertEquals(List.of("k1"), SpaceJoined.items(w.resolvedSpec().sigkeys()));
    Path merged = d.staging().resolve("compose/Temporary/merged-cs/x86_64");
    String primary = primary(merged);
    assertEquals(
        Set.of(
            "hello-2.0-1.x86_64@" + pulp.url() + "/content/b/x86_64/os/",
            "extra-1.0-1.x86_64@" + pulp.url() + "/content/b/x86_64/os/",
            "common-1.0-1.noarch@" + pulp.url() + "/content/a/x86_64/os/"),
        nevrasWithBase(primary));
    Path cached = tmp.resolve("target/pulp_repo_cache/content/a/x86_64/os");
    assertTrue(Files.isDirectory(cached), "repodata cached per URL path");

    // A second compose fetches repomd.xml again, the rest only if it changed.
    int before = count("primary.xml");
    int repomdBefore = count("repomd.xml");
    source.write(spec("merged-cs"), destination(), LOG);
    assertEquals(before, count("primary.xml"), "unchanged repodata is not downloaded again");
    assertEquals(repomdBefore + 2, count("repomd.xml"));
  }

  private static int count(String suffix) {
    return (int)
        pulp.contentRequests().stream()
            .filter(p -> p.endsWith(suffix + ".gz") || p.endsWith(suffix))
            .count();
  }

  static String primary(Path repo) throws IOException {
    String repomd = Files.readString(repo.resolve("repodata/repomd.xml"));
    Matcher m =
        Pattern.compile("<data type=\"primary\">.*?<location href=\"([^\"]+)\"", Pattern.DOTALL)
            .matcher(repomd);
    assertTrue(m.find(), repomd);
    try (InputStream in = new GZIPInputStream(Files.newInputStream(repo.resolve(m.group(1))))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static Set<String> nevrasWithBase(String primary) {
    Set<String> out = new TreeSet<>();
    Matcher m =
        Pattern.compile(
                "<name>([^<]+)</name>\\s*<arch>([^<]+)</arch>\\s*<version epoch=\"\\d+\""
                    + " ver=\"([^\"]+)\" rel=\"([^\"]+)\"/>.*?<location xml:base=\"([^\"]+)\"",
                Pattern.DOTALL)
            .matcher(primary);
    while (m.find()) {
      out.add(
          m.group(1) + "-" + m.group(3) + "-" + m.group(4) + "." + m.group(2) + "@" + m.group(5));
    }
    return out;
  }
}
