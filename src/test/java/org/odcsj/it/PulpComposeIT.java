package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.testsupport.Dnf;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.pulp.PulpProtocolTestServer;
import org.odcsj.testsupport.pulp.PulpProtocolTestServer.Repo;

/**
 * {@code pulp} composes end to end through the deployed WAR, against a Pulp protocol test server
 * (real HTTP, Pulp 2 search and repository JSON, Basic auth) serving real yum repositories: the
 * .repo file as ODCS writes it, content sets and repository ids, missing sources, the Pulp flags,
 * the {@code $basearch} collapse, the merged repository, dnf installing through the compose.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class PulpComposeIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static final String U = UUID.randomUUID().toString().substring(0, 8);
  private static final String MERGED = "merged-" + U;
  private static final String ARCH = "arch-" + U;
  private static final String LONE = "lone-" + U;
  private static final String HIDDEN = "hidden-" + U;

  private static OdcsApi api;
  private static PulpProtocolTestServer pulp;

  @BeforeAll
  static void buildPulpRepositories() {
    api = new OdcsApi(OdcsServer.get().baseUrl()).as("pulp-dev");
    pulp = PulpFixture.get();
    Path content = pulp.root().resolve("content").resolve(U);
    Path a = content.resolve("a/x86_64/os");
    TestRpms.builder("hello-" + U, "1.0", "1", "x86_64").build(a.resolve("Packages"));
    TestRpms.builder("common-" + U, "1.0", "1", "noarch")
        .file("/usr/share/common-" + U + "/README", "common\n")
        .build(a.resolve("Packages"));
    Path b = content.resolve("b/x86_64/os");
    TestRpms.builder("hello-" + U, "2.0", "1", "x86_64")
        .requires("common-" + U)
        .file("/usr/share/hello-" + U + "/VERSION", "2.0\n")
        .build(b.resolve("Packages"));
    Path c = content.resolve("c/x86_64/os");
    TestRpms.builder("archy-" + U, "1.0", "1", "x86_64")
        .file("/usr/share/archy-" + U, "x86_64\n")
        .build(c.resolve("Packages"));
    if (TestRepos.createrepoAvailable()) {
      TestRepos.createrepo(a);
      TestRepos.createrepo(b);
      TestRepos.createrepo(c);
    }
    String rel = "content/" + U + "/";
    pulp.addRepository(
        new Repo(MERGED + "-a", MERGED, rel + "a/x86_64/os", "x86_64", "aaaa0001", null, true));
    pulp.addRepository(
        new Repo(MERGED + "-b", MERGED, rel + "b/x86_64/os", "x86_64", "bbbb0002", null, true));
    pulp.addRepository(
        new Repo(
            ARCH + "-x86_64", ARCH, rel + "c/x86_64/os", "x86_64", "cccc0003", "[\"8.1\"]", true));
    pulp.addRepository(
        new Repo(
            ARCH + "-s390x", ARCH, rel + "c/s390x/os", "s390x", "cccc0003", "[\"8.1\"]", true));
    pulp.addRepository(
        new Repo(LONE, null, rel + "lone/x86_64/os", "x86_64", "dddd0004,aaaa0001", null, true));
    pulp.addRepository(
        new Repo(
            HIDDEN + "-x86_64", HIDDEN, rel + "hidden/x86_64/os", "x86_64", null, null, false));
  }

  private static JsonObject compose(String sources, String... flags) {
    StringBuilder body =
        new StringBuilder("{\"source\": {\"type\": \"pulp\", \"source\": \"" + sources + "\"}");
    if (flags.length > 0) {
      body.append(", \"flags\": [\"").append(String.join("\", \"", flags)).append("\"]");
    }
    JsonObject created = api.submit(body.append("}").toString());
    assertEquals(4, created.getInt("source_type"));
    return api.awaitState(created.getJsonNumber("id").longValue(), TIMEOUT, "done", "failed");
  }

  private static JsonObject done(JsonObject compose) {
    assertEquals("done", compose.getString("state_name"), compose::toString);
    assertEquals("Compose is generated successfully", compose.getString("state_reason"));
    return compose;
  }

  private static String repoFile(JsonObject compose) {
    OdcsApi.Reply reply = api.get(compose.getString("result_repofile"));
    assertEquals(200, reply.status(), compose::toString);
    return reply.body();
  }

  @Test
  void contentSetsAndRepositoryIdsMakeTheRepoFileAsOdcsWritesIt() {
    JsonObject done = done(compose(LONE + " " + ARCH));
    assertEquals(
        "\n["
            + ARCH
            + "]\nname="
            + ARCH
            + "\nbaseurl="
            + pulp.url()
            + "/content/"
            + U
            + "/c/$basearch/os\nenabled=1\ngpgcheck=0\n"
            + "\n["
            + LONE
            + "]\nname="
            + LONE
            + "\nbaseurl="
            + pulp.url()
            + "/content/"
            + U
            + "/lone/x86_64/os\nenabled=1\ngpgcheck=0\n",
        repoFile(done));
    assertEquals("s390x x86_64", done.getString("arches"));
    assertEquals("aaaa0001 cccc0003 dddd0004", done.getString("sigkeys"));
    assertEquals(LONE + " " + ARCH, done.getString("source"));
  }

  @Test
  void compatibleArchFlagWritesBasearchAndSkipIfUnavailable() {
    JsonObject done = done(compose(LONE, "use_only_compatible_arch"));
    assertEquals(
        "\n["
            + LONE
            + "]\nname="
            + LONE
            + "\nbaseurl="
            + pulp.url()
            + "/content/"
            + U
            + "/lone/$basearch/os\nenabled=1\ngpgcheck=0\nskip_if_unavailable=1\n",
        repoFile(done));
  }

  @Test
  void missingSourcesFailTheCompose() {
    JsonObject failed = compose(ARCH + " nothing-" + U);
    assertEquals("failed", failed.getString("state_name"));
    assertEquals(
        "Error while generating compose: Failed to find all the source(s) ['"
            + ARCH
            + "', 'nothing-"
            + U
            + "'] in Pulp, found only ['"
            + ARCH
            + "']",
        failed.getString("state_reason"));
  }

  @Test
  void ignoreAbsentPulpReposKeepsWhatWasFound() {
    JsonObject done = done(compose("nothing-" + U + " " + ARCH, "ignore_absent_pulp_repos"));
    assertEquals(ARCH, done.getString("source"));
    assertTrue(repoFile(done).startsWith("\n[" + ARCH + "]\n"));
  }

  @Test
  void unpublishedRepositoriesNeedTheirFlag() {
    JsonObject failed = compose(HIDDEN);
    assertEquals("failed", failed.getString("state_name"));
    JsonObject done = done(compose(HIDDEN, "include_unpublished_pulp_repos"));
    assertTrue(
        repoFile(done).contains("baseurl=" + pulp.url() + "/content/" + U + "/hidden/x86_64/os\n"));
  }

  @Test
  void aWrongPasswordFailsWithAClearReasonAndNoSecret() {
    String password = pulp.password();
    pulp.setPassword("rotated-" + UUID.randomUUID());
    JsonObject failed;
    try {
      failed = compose(ARCH);
    } finally {
      pulp.setPassword(password);
    }
    assertEquals("failed", failed.getString("state_name"));
    String reason = failed.getString("state_reason");
    assertTrue(
        reason.startsWith(
            "Error while generating compose: Pulp refused the credentials of user 'odcs-it'"
                + " (HTTP 401)"),
        reason);
    assertFalse(reason.contains(password), "the password is never shown");
    OdcsApi.Reply log = api.get(failed.getString("toplevel_url") + "/pungi-stderr.log");
    assertEquals(200, log.status());
    assertTrue(log.body().contains("Pulp refused the credentials"), log.body());
    assertFalse(log.body().contains(password), "nor in the compose's log");
  }

  @Test
  void dnfInstallsThroughTheBasearchRepoFile() throws IOException {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c builds the Pulp repositories");
    JsonObject done = done(compose(ARCH));
    installs(done, "archy-" + U);
  }

  @Test
  void repositoriesDifferingByMoreThanArchAreMergedAndDnfInstallsTheNewest() throws IOException {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c builds the Pulp repositories");
    JsonObject done = done(compose(MERGED));
    String name = "odcs-" + done.getInt("id");
    String merged = done.getString("result_repo") + "/" + MERGED + "/$basearch";
    assertEquals(
        "\n[" + MERGED + "]\nname=" + MERGED + "\nbaseurl=" + merged + "\nenabled=1\ngpgcheck=0\n",
        repoFile(done));
    assertEquals("aaaa0001", done.getString("sigkeys"));
    Path repomd =
        OdcsServer.get()
            .targetDir()
            .resolve(name)
            .resolve("compose/Temporary/" + MERGED + "/x86_64/repodata/repomd.xml");
    assertTrue(Files.isRegularFile(repomd), repomd.toString());
    Dnf dnf = installs(done, "hello-" + U);
    var info = dnf.run(java.util.List.of("list", "--installed", "hello-" + U));
    assertTrue(info.output().contains("2.0-1"), info.output());
    assertTrue(dnf.isInstalled("common-" + U), "its dependency, from the other repository");
  }

  private static Dnf installs(JsonObject done, String pkg) throws IOException {
    assumeTrue(Dnf.available(), "dnf is needed to install from the compose");
    String name = "odcs-" + done.getInt("id");
    Path repoFile = Files.writeString(Files.createTempFile(name, ".repo"), repoFile(done));
    Dnf dnf =
        Dnf.create(TestEnvironment.current().itDir().resolve("dnf-" + name), "x86_64")
            .addRepoFile(repoFile);
    var install = dnf.install(pkg);
    assertEquals(0, install.exitCode(), install.output());
    assertTrue(dnf.isInstalled(pkg));
    return dnf;
  }
}
