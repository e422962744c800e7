package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.testsupport.Dnf;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/**
 * The selection rules as a user of the service sees them: what ends up in the compose tree (and
 * installs with dnf) for a request, and the reason when a compose fails — through HTTP, the MDB and
 * the real repositories built here.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class EngineIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static OdcsApi api;
  private static Path repos;
  private static Path app;
  private static Path base;
  private static TestKey key;

  @BeforeAll
  static void buildRepositories() throws IOException {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed for the source repos");
    api = new OdcsApi(OdcsServer.get().baseUrl());
    repos = TestEnvironment.current().itDir().resolve("repos");
    key = TestKey.generate("ODCS engine test <engine@example.com>");
    app = Files.createDirectories(repos.resolve("engine-app"));
    base = Files.createDirectories(repos.resolve("engine-base"));
    TestRpms.builder("base", "1.0", "1", "noarch").provides("base-api", "=", "1").build(base);
    TestRepos.createrepo(base);
    TestRpms.builder("app", "2.0", "1", "x86_64")
        .requires("base-api", ">=", "1")
        .requires("libwidget.so.1()(64bit)")
        .file("/usr/bin/app", "app\n", 0755)
        .signedWith(key)
        .build(app);
    TestRpms.builder("app", "1.0", "1", "x86_64").file("/usr/bin/app", "old\n", 0755).build(app);
    for (String arch : new String[] {"x86_64", "i686"}) {
      String lib = arch.equals("x86_64") ? "/usr/lib64" : "/usr/lib";
      String suffix = arch.equals("x86_64") ? "()(64bit)" : "";
      TestRpms.builder("libwidget", "1.0", "1", arch)
          .provides("libwidget.so.1" + suffix)
          .file(lib + "/libwidget.so.1", "elf\n")
          .build(app);
      TestRpms.builder("libwidget-devel", "1.0", "1", arch)
          .requires("libwidget", "=", "1.0-1")
          .file("/usr/include/widget-" + arch + ".h", "h\n")
          .build(app);
    }
    TestRpms.builder("broken", "1.0", "1", "x86_64").requires("does-not-exist").build(app);
    TestRepos.createrepo(app);
  }

  private static JsonObject compose(String extra) {
    long id =
        api.submit("{\"source\": {\"type\": \"repo\", \"source\": \"" + app + "\"" + extra + "}")
            .getJsonNumber("id")
            .longValue();
    return api.awaitState(id, TIMEOUT, "done", "failed");
  }

  private static Set<String> packagesIn(JsonObject compose, String arch) throws IOException {
    Path dir =
        OdcsServer.get()
            .targetDir()
            .resolve(
                "odcs-" + compose.getInt("id") + "/compose/Temporary/" + arch + "/os/Packages");
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  void requestedPackagesComeWithTheirDependencies_newestVersionOnly() throws IOException {
    JsonObject done =
        compose(", \"packages\": [\"app\"]}, \"lookaside_repos\": [\"" + base + "\"]");
    assertEquals("done", done.getString("state_name"), done.toString());
    assertEquals(
        Set.of("app-2.0-1.x86_64.rpm", "libwidget-1.0-1.x86_64.rpm"),
        packagesIn(done, "x86_64"),
        "lookaside satisfies base-api but is never copied; app 1.0 is older");
  }

  @Test
  void httpSourceIsReadRemotely_andOnlySelectedPackagesAreFetched() throws Exception {
    try (TestHttpServer web = TestHttpServer.serve(repos)) {
      String url = web.url() + (web.url().endsWith("/") ? "" : "/") + "engine-app";
      long id =
          api.submit(
                  "{\"source\": {\"type\": \"repo\", \"source\": \""
                      + url
                      + "\", \"packages\": [\"app\"]}, \"lookaside_repos\": [\""
                      + base
                      + "\"]}")
              .getJsonNumber("id")
              .longValue();
      JsonObject done = api.awaitState(id, TIMEOUT, "done", "failed");
      assertEquals("done", done.getString("state_name"), done.toString());
      assertEquals(
          Set.of("app-2.0-1.x86_64.rpm", "libwidget-1.0-1.x86_64.rpm"), packagesIn(done, "x86_64"));
      assertTrue(web.requestsFor("broken-1.0-1.x86_64.rpm").isEmpty(), "unselected: never fetched");
      assertEquals(1, web.requestsFor("app-2.0-1.x86_64.rpm").size());
    }
  }

  @Test
  void composeCarriesProductmdMetadataAndItsComposeId() throws Exception {
    JsonObject done = compose(", \"packages\": [\"app\"]}, \"flags\": [\"no_deps\", \"no_reuse\"]");
    assertEquals("done", done.getString("state_name"), done.toString());
    String composeId = done.getString("pungi_compose_id");
    assertTrue(composeId.matches("odcs-" + done.getInt("id") + "-1-\\d{8}\\.t\\.0"), composeId);
    Path metadata =
        OdcsServer.get().targetDir().resolve("odcs-" + done.getInt("id") + "/compose/metadata");
    String rpms = Files.readString(metadata.resolve("rpms.json"));
    assertTrue(rpms.contains("\"productmd.rpms\""), rpms);
    assertTrue(rpms.contains("\"id\": \"" + composeId + "\""), rpms);
    assertTrue(rpms.contains("\"app-0:2.0-1.x86_64\""), rpms);
    assertTrue(rpms.contains("\"Temporary/x86_64/os/Packages/a/app-2.0-1.x86_64.rpm\""), rpms);
    String composeinfo = Files.readString(metadata.resolve("composeinfo.json"));
    assertTrue(composeinfo.contains("\"productmd.composeinfo\""), composeinfo);
  }

  @Test
  void noDepsKeepsOnlyTheRequestedPackages() throws IOException {
    JsonObject done = compose(", \"packages\": [\"app\"]}, \"flags\": [\"no_deps\"]");
    assertEquals("done", done.getString("state_name"), done.toString());
    assertEquals(Set.of("app-2.0-1.x86_64.rpm"), packagesIn(done, "x86_64"));
  }

  @Test
  void checkDepsFailsNamingEveryUnmetRequirement() {
    JsonObject failed =
        compose(", \"packages\": [\"broken\", \"app\"]}, \"flags\": [\"check_deps\"]");
    assertEquals("failed", failed.getString("state_name"));
    assertEquals(
        "Error while generating compose: Unresolved dependencies detected:"
            + " app-2.0-1.x86_64 requires base-api >= 1,"
            + " broken-1.0-1.x86_64 requires does-not-exist",
        failed.getString("state_reason"));
  }

  @Test
  void checkDepsPassesWhenTheLookasideProvides() {
    JsonObject done =
        compose(
            ", \"packages\": [\"app\"]}, \"flags\": [\"check_deps\"], \"lookaside_repos\": [\""
                + base
                + "\"]");
    assertEquals("done", done.getString("state_name"), done.toString());
  }

  @Test
  void missingRequestedPackageFailsTheCompose() {
    JsonObject failed = compose(", \"packages\": [\"app\", \"nope\"]}, \"flags\": [\"no_deps\"]");
    assertEquals(
        "Error while generating compose: The following requested packages are not present in"
            + " the generated compose: nope.",
        failed.getString("state_reason"));
  }

  @Test
  void sigkeysSelectSignedCopiesAndFailNamingUnsignedOnes() throws IOException {
    JsonObject signed =
        compose(
            ", \"packages\": [\"app\"], \"sigkeys\": [\""
                + key.sigkey()
                + "\"]}, \"flags\": [\"no_deps\"]");
    assertEquals("done", signed.getString("state_name"), signed.toString());
    assertEquals(Set.of("app-2.0-1.x86_64.rpm"), packagesIn(signed, "x86_64"));

    JsonObject unsigned =
        compose(
            ", \"packages\": [\"app\", \"broken\"], \"sigkeys\": [\"deadbeef\"]}, \"flags\": [\"no_deps\"]");
    assertEquals("failed", unsigned.getString("state_name"));
    assertEquals(
        "Error while generating compose: the following packages are not signed by any of the keys"
            + " deadbeef: app-2.0-1.x86_64, broken-1.0-1.x86_64",
        unsigned.getString("state_reason"));
  }

  @Test
  void develMultilibAddsI686DevelPackagesThatDnfInstalls() throws IOException {
    JsonObject done =
        compose(
            ", \"packages\": [\"libwidget-devel\"]}, \"arches\": [\"x86_64\"],"
                + " \"multilib_arches\": [\"x86_64\"], \"multilib_method\": [\"devel\"]");
    assertEquals("done", done.getString("state_name"), done.toString());
    Set<String> x86 = packagesIn(done, "x86_64");
    assertTrue(x86.contains("libwidget-devel-1.0-1.i686.rpm"), x86.toString());
    assertTrue(x86.contains("libwidget-devel-1.0-1.x86_64.rpm"), x86.toString());

    assumeTrue(Dnf.available(), "dnf is needed to install from the compose");
    String repoFile = api.get(done.getString("result_repofile")).body();
    Path copy = Files.writeString(Files.createTempFile("multilib", ".repo"), repoFile);
    Dnf dnf =
        Dnf.create(
                TestEnvironment.current().itDir().resolve("dnf-ml-" + done.getInt("id")), "x86_64")
            .addRepoFile(copy);
    var install = dnf.install("libwidget-devel.i686");
    assertEquals(0, install.exitCode(), install.output());
    assertTrue(dnf.isInstalled("libwidget-devel"));
  }
}
