package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.modulemd.ModuleStream;
import org.odcsj.modulemd.ModulemdDocuments;
import org.odcsj.testsupport.Dnf;
import org.odcsj.testsupport.ProcessRunner;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.koji.KojiTestModel;
import org.odcsj.testsupport.koji.KojiTestTopdir;
import org.odcsj.testsupport.koji.KojiTestTopdir.ImportedBuild;
import org.odcsj.testsupport.mbs.MbsProtocolTestServer;
import org.odcsj.testsupport.mbs.MbsTestBuild;

/**
 * {@code module} composes through the deployed WAR: modules resolved by the MBS protocol test
 * server, their RPMs from their Koji tags on the Koji protocol test hub ({@link KojiFixture}), the
 * repositories carrying modulemd that dnf reads. Every test makes its own modules, named uniquely.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ModuleComposeIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());
  private final KojiTestModel koji = KojiFixture.get().koji();
  private final KojiTestTopdir topdir = KojiFixture.get().topdir();
  private final MbsProtocolTestServer mbs = KojiFixture.get().mbs();
  private final String u = UUID.randomUUID().toString().substring(0, 8);
  private static long ids = 1_000;

  /**
   * A ready module build in MBS whose Koji tag holds one build per name in {@code packages}; the
   * modulemd lists those named in {@code artifacts} (the others are tagged but filtered out).
   */
  private MbsTestBuild module(
      String name,
      String stream,
      long version,
      String context,
      Map<String, List<String>> requires,
      List<String> packages,
      Set<String> artifacts) {
    return module(
        name, stream, version, context, MbsTestBuild.READY, 390000, requires, packages, artifacts);
  }

  /** A module of one package (its only artifact), built against {@code platformVersion}. */
  private MbsTestBuild single(
      String name, String stream, long version, String context, int state, long platformVersion) {
    String pkg = name + "-" + context;
    return module(
        name,
        stream,
        version,
        context,
        state,
        platformVersion,
        Map.of(),
        List.of(pkg),
        Set.of(pkg));
  }

  private MbsTestBuild module(
      String name,
      String stream,
      long version,
      String context,
      int state,
      long platformVersion,
      Map<String, List<String>> requires,
      List<String> packages,
      Set<String> artifacts) {
    return module(
        name,
        stream,
        version,
        context,
        state,
        platformVersion,
        requires,
        packages,
        artifacts,
        false);
  }

  private MbsTestBuild module(
      String name,
      String stream,
      long version,
      String context,
      int state,
      long platformVersion,
      Map<String, List<String>> requires,
      List<String> packages,
      Set<String> artifacts,
      boolean scratch) {
    String release = "1.module_f" + platformVersion / 10000 + "." + version;
    long tagId =
        koji.createTag("module-" + name + "-" + stream + "-" + version + "-" + context, "x86_64");
    List<String> listed = new ArrayList<>();
    for (String pkg : packages) {
      ImportedBuild build =
          topdir.importBuild(
              pkg,
              "1.0",
              release,
              null,
              TestRpms.builder(pkg, "1.0", release, "noarch")
                  .file("/usr/share/" + pkg + "-" + version, pkg));
      koji.packageListAdd(tagId, pkg);
      koji.tagBuild(tagId, build.id());
      if (artifacts.contains(pkg)) {
        listed.add(pkg + "-0:1.0-" + release + ".noarch");
      }
    }
    MbsTestBuild build;
    synchronized (ModuleComposeIT.class) {
      build =
          new MbsTestBuild(
              ids++,
              name,
              stream,
              version,
              context,
              state,
              requires,
              "platform",
              "f" + platformVersion / 10000,
              platformVersion,
              listed);
    }
    if (scratch) {
      build = build.asScratch();
    }
    mbs.add(build);
    return build;
  }

  /** A scratch build in MBS ({@code done}, as scratch builds stay) of one package. */
  private MbsTestBuild scratchModule(
      String name, String stream, long version, String context, String pkg) {
    return module(
        name,
        stream,
        version,
        context,
        MbsTestBuild.DONE,
        390000,
        Map.of(),
        List.of(pkg),
        Set.of(pkg),
        true);
  }

  private JsonObject compose(String request) {
    long id = api.submit(request).getJsonNumber("id").longValue();
    return api.awaitState(id, TIMEOUT, "done", "failed");
  }

  private static JsonObject done(JsonObject compose) {
    assertEquals("done", compose.getString("state_name"), compose.toString());
    return compose;
  }

  private static String moduleRequest(String source, String... flags) {
    StringBuilder f = new StringBuilder();
    for (String flag : flags) {
      f.append(f.length() == 0 ? "" : ", ").append('"').append(flag).append('"');
    }
    return "{\"source\": {\"type\": \"module\", \"source\": \""
        + source
        + "\"}, \"flags\": ["
        + f
        + "]}";
  }

  private static Path repository(JsonObject compose) {
    String url = compose.getString("toplevel_url");
    return OdcsServer.get()
        .targetDir()
        .resolve(url.substring(url.lastIndexOf('/') + 1))
        .resolve("compose/Temporary/x86_64/os");
  }

  /** The modulemd documents of the compose's x86_64 repository, found through repomd.xml. */
  private static ModulemdDocuments modules(JsonObject compose) throws Exception {
    Path os = repository(compose);
    String href = null;
    try (InputStream in = Files.newInputStream(os.resolve("repodata/repomd.xml"))) {
      XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
      boolean inModules = false;
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamConstants.START_ELEMENT) {
          if (xml.getLocalName().equals("data")) {
            inModules = "modules".equals(xml.getAttributeValue(null, "type"));
          } else if (inModules && xml.getLocalName().equals("location")) {
            href = xml.getAttributeValue(null, "href");
          }
        }
      }
    }
    assertTrue(href != null, "repomd.xml lists modules metadata");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(os.resolve(href)))) {
      return ModulemdDocuments.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  private static Set<String> packageFiles(JsonObject compose) throws Exception {
    Set<String> files = new TreeSet<>();
    try (var walk = Files.walk(repository(compose).resolve("Packages"))) {
      walk.filter(Files::isRegularFile).forEach(p -> files.add(p.getFileName().toString()));
    }
    return files;
  }

  @Test
  void aModuleComposeHasItsArtifactsItsDependencyAndModulemdThatDnfInstallsFrom() throws Exception {
    module("dep" + u, "2", 200, "d1", Map.of(), List.of("dep-tool-" + u), Set.of("dep-tool-" + u));
    module(
        "app" + u,
        "1",
        100,
        "a1",
        Map.of("dep" + u, List.of("2")),
        List.of("app-tool-" + u, "app-hidden-" + u),
        Set.of("app-tool-" + u));

    JsonObject c = done(compose(moduleRequest("app" + u + ":1")));

    assertEquals("app" + u + ":1:100:a1 dep" + u + ":2:200:d1", c.getString("source"));
    assertEquals(
        Set.of(
            "app-tool-" + u + "-1.0-1.module_f39.100.noarch.rpm",
            "dep-tool-" + u + "-1.0-1.module_f39.200.noarch.rpm"),
        packageFiles(c));
    ModulemdDocuments modules = modules(c);
    assertEquals(2, modules.streams().size());
    for (ModuleStream stream : modules.streams()) {
      assertEquals("x86_64", stream.arch());
      assertEquals(1, stream.artifactRpms().size(), stream.artifactRpms().toString());
    }
    JsonObject manifest;
    try (InputStream in =
        Files.newInputStream(repository(c).resolve("../../../metadata/modules.json").normalize())) {
      manifest = jakarta.json.spi.JsonProvider.provider().createReader(in).readObject();
    }
    assertEquals(
        "productmd.modules",
        manifest.getJsonObject("header").getString("type"),
        manifest.toString());
    JsonObject x86 =
        manifest
            .getJsonObject("payload")
            .getJsonObject("modules")
            .getJsonObject("Temporary")
            .getJsonObject("x86_64");
    JsonObject app = x86.getJsonObject("app" + u + ":1:100:a1");
    assertEquals(
        "module-app" + u + "-1-100-a1", app.getJsonObject("metadata").getString("koji_tag"));
    assertEquals(
        List.of("app-tool-" + u + "-0:1.0-1.module_f39.100.noarch"),
        app.getJsonArray("rpms").getValuesAs(jakarta.json.JsonString::getString));
    assertTrue(x86.containsKey("dep" + u + ":2:200:d1"), x86.toString());
    String log = Files.readString(repository(c).resolve("../../../logs/odcs.log").normalize());
    assertTrue(log.contains("MBS: app" + u + ":1 resolved to"), log);

    assumeTrue(Dnf.available(), "dnf is needed to install from the compose");
    String repoFile =
        api.get(c.getString("result_repofile").replace(OdcsServer.get().baseUrl(), "")).body();
    Path copy = Files.writeString(Files.createTempFile("module-" + u, ".repo"), repoFile);
    Dnf dnf =
        Dnf.create(TestEnvironment.current().itDir().resolve("dnf-module-" + u), "x86_64")
            .addRepoFile(copy);
    List<String> platform = List.of("--setopt=module_platform_id=platform:f39");
    ProcessRunner.Result list = dnf.run(concat(platform, List.of("module", "list", "app" + u)));
    assertTrue(list.ok(), list.output());
    assertFalse(list.output().contains("Modular dependency problem"), list.output());
    assertTrue(list.output().contains("app" + u), list.output());
    ProcessRunner.Result install =
        dnf.run(concat(platform, List.of("-y", "module", "install", "app" + u + ":1/default")));
    assertTrue(install.ok(), install.output());
    assertTrue(dnf.isInstalled("app-tool-" + u), install.output());
    assertFalse(dnf.isInstalled("app-hidden-" + u));
  }

  @Test
  void noDepsLeavesTheDependencyOutAndDevelHoldsWhatTheModuleFilteredOut() throws Exception {
    module(
        "ndep" + u, "2", 200, "d1", Map.of(), List.of("ndep-tool-" + u), Set.of("ndep-tool-" + u));
    module(
        "napp" + u,
        "1",
        100,
        "a1",
        Map.of("ndep" + u, List.of("2")),
        List.of("napp-tool-" + u, "napp-hidden-" + u),
        Set.of("napp-tool-" + u));

    JsonObject alone = done(compose(moduleRequest("napp" + u + ":1", "no_deps")));
    assertEquals("napp" + u + ":1:100:a1", alone.getString("source"));
    assertEquals(
        Set.of("napp-tool-" + u + "-1.0-1.module_f39.100.noarch.rpm"), packageFiles(alone));

    JsonObject devel = done(compose(moduleRequest("napp" + u + "-devel:1", "no_deps")));
    assertEquals("napp" + u + "-devel:1:100:a1", devel.getString("source"));
    assertEquals(
        Set.of("napp-hidden-" + u + "-1.0-1.module_f39.100.noarch.rpm"), packageFiles(devel));
    ModuleStream stream = modules(devel).streams().get(0);
    assertEquals("napp" + u + "-devel", stream.name());
    assertEquals(
        List.of("napp-hidden-" + u + "-0:1.0-1.module_f39.100.noarch"), stream.artifactRpms());
    assertEquals(List.of("1"), stream.runtimeRequires().get("napp" + u));
  }

  @Test
  void defaultsFromAGitRepositoryMarkTheDefaultStreamForDnf() throws Exception {
    module("def" + u, "3", 300, "c3", Map.of(), List.of("def-tool-" + u), Set.of("def-tool-" + u));
    Path repo = TestEnvironment.current().itDir().resolve("git/defaults-" + u);
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      Files.writeString(
          repo.resolve("def" + u + ".yaml"),
          "---\ndocument: modulemd-defaults\nversion: 1\ndata:\n  module: def"
              + u
              + "\n  stream: \"3\"\n  profiles:\n    \"3\": [default]\n...\n");
      git.add().addFilepattern(".").call();
      git.commit().setMessage("defaults").setAuthor("t", "t@example.com").call();
    }
    JsonObject c =
        done(
            compose(
                "{\"source\": {\"type\": \"module\", \"source\": \"def"
                    + u
                    + ":3\", \"module_defaults_url\": \""
                    + repo.toUri()
                    + "\", \"module_defaults_commit\": \"main\"}}"));
    ModulemdDocuments modules = modules(c);
    assertEquals(1, modules.defaults().size());
    assertEquals("3", modules.defaults().get(0).stream());

    assumeTrue(Dnf.available(), "dnf is needed to read the compose");
    Dnf dnf =
        Dnf.create(TestEnvironment.current().itDir().resolve("dnf-defaults-" + u), "x86_64")
            .addRepo("defaults-" + u, repository(c).toUri().toString());
    ProcessRunner.Result list =
        dnf.run(List.of("--setopt=module_platform_id=platform:f39", "module", "list", "def" + u));
    assertTrue(list.ok(), list.output());
    assertTrue(list.output().matches("(?s).*def" + u + "\\s+3 \\[d\\].*"), list.output());

    var refused =
        api.post(
            "/api/1/composes/",
            "{\"source\": {\"type\": \"module\", \"source\": \"def"
                + u
                + ":3\", \"module_defaults_url\": \"file:///etc/\","
                + " \"module_defaults_commit\": \"main\"}}");
    assertEquals(400, refused.status(), refused.body());
    assertTrue(refused.body().contains("module_defaults_url"), refused.body());
  }

  @Test
  void versionsContextsDoneBuildsConflictsAndReuse() throws Exception {
    String n = "ver" + u;
    single(n, "1", 10, "a", MbsTestBuild.READY, 390000);
    single(n, "1", 15, "c", MbsTestBuild.READY, 390000);
    single(n, "1", 20, "b", MbsTestBuild.DONE, 390000);

    JsonObject newest = done(compose(moduleRequest(n + ":1")));
    assertEquals(n + ":1:15:c", newest.getString("source"));
    assertEquals(
        n + ":1:20:b",
        done(compose(moduleRequest(n + ":1", "include_done_modules"))).getString("source"));
    assertEquals(n + ":1:10:a", done(compose(moduleRequest(n + ":1:10"))).getString("source"));
    assertEquals(n + ":1:20:b", done(compose(moduleRequest(n + ":1:20:b"))).getString("source"));

    JsonObject conflict = compose(moduleRequest(n + ":1:10 " + n + ":1:15"));
    assertEquals("failed", conflict.getString("state_name"));
    assertTrue(
        conflict.getString("state_reason").endsWith(n + ":1:15:c conflicts with " + n + ":1:10:a"),
        conflict.getString("state_reason"));

    JsonObject again = done(compose(moduleRequest(n + ":1")));
    assertEquals(n + ":1:15:c", again.getString("source"));
    assertTrue(
        again.getString("toplevel_url").endsWith("/odcs-" + newest.getInt("id")),
        "reuses the compose of the same builds: " + again);
  }

  @Test
  void aDependencyIsTheNewestBuiltAgainstTheRequiringModulesPlatformOrOlder() throws Exception {
    String lib = "blib" + u;
    single(lib, "3", 31, "f38", MbsTestBuild.READY, 380000);
    single(lib, "3", 32, "f39", MbsTestBuild.READY, 390000);
    single(lib, "3", 33, "f40", MbsTestBuild.READY, 400000);
    module(
        "bapp" + u,
        "1",
        10,
        "a",
        MbsTestBuild.READY,
        390000,
        Map.of(lib, List.of("3")),
        List.of("bapp-x" + u),
        Set.of("bapp-x" + u));
    JsonObject c = done(compose(moduleRequest("bapp" + u + ":1")));
    assertEquals("bapp" + u + ":1:10:a " + lib + ":3:32:f39", c.getString("source"));
  }

  /**
   * The cost of resolving and composing ten modules, each requiring the next (for the notes): one
   * MBS query per module for the whole compose (resolution; opening the content asks nothing more),
   * and the Koji calls and seconds it took, printed.
   */
  @Test
  void tenModulesInAChainOfDependencies() throws Exception {
    for (int i = 0; i < 10; i++) {
      Map<String, List<String>> requires =
          i < 9 ? Map.of("chain" + (i + 1) + u, List.of("1")) : Map.of();
      module(
          "chain" + i + u,
          "1",
          100 + i,
          "c" + i,
          requires,
          List.of("chain-pkg" + i + u),
          Set.of("chain-pkg" + i + u));
    }
    var hub = KojiFixture.get().hub();
    int kojiRequests = hub.requests().size();
    int kojiCalls = hub.requests().stream().mapToInt(r -> r.calls()).sum();
    long start = System.nanoTime();
    JsonObject c = done(compose(moduleRequest("chain0" + u + ":1")));
    long millis = (System.nanoTime() - start) / 1_000_000;
    var after = hub.requests();
    assertEquals(10, c.getString("source").split(" ").length, c.getString("source"));
    assertEquals(10, packageFiles(c).size());
    assertEquals(10, mbs.queriesAbout(u), "one MBS query per module: " + mbs.queries());
    String log = Files.readString(repository(c).resolve("../../../logs/odcs.log").normalize());
    String resolution =
        log.lines().filter(l -> l.contains("MBS: chain0" + u)).findFirst().orElseThrow();
    assertTrue(resolution.contains("(10 requests"), resolution);
    assertFalse(log.contains("looked up again"), log);
    System.out.println(
        "Ten chained modules: "
            + mbs.queriesAbout(u)
            + " MBS requests, resolution "
            + resolution.substring(resolution.indexOf('('))
            + "; "
            + (after.size() - kojiRequests)
            + " Koji HTTP requests ("
            + (after.stream().mapToInt(r -> r.calls()).sum() - kojiCalls)
            + " calls); compose done "
            + millis
            + " ms after submission");
  }

  @Test
  void aScratchModuleIsAddedToAModuleComposeAndDnfInstallsFromIt() throws Exception {
    module(
        "sbase" + u,
        "1",
        100,
        "b1",
        Map.of(),
        List.of("sbase-tool-" + u),
        Set.of("sbase-tool-" + u));
    // A scratch build of sapp, done (as scratch builds stay), named by its exact N:S:V:C.
    scratchModule("sapp" + u, "1", 500, "s1_1", "sapp-tool-" + u);
    String scratch = "sapp" + u + ":1:500:s1_1";

    JsonObject c =
        done(
            compose(
                "{\"source\": {\"type\": \"module\", \"source\": \"sbase"
                    + u
                    + ":1\", \"scratch_modules\": [\""
                    + scratch
                    + "\"]}}"));

    assertEquals("sbase" + u + ":1:100:b1", c.getString("source"));
    assertEquals(scratch, c.getString("scratch_modules"));
    assertEquals(
        Set.of(
            "sbase-tool-" + u + "-1.0-1.module_f39.100.noarch.rpm",
            "sapp-tool-" + u + "-1.0-1.module_f39.500.noarch.rpm"),
        packageFiles(c));
    Set<String> nsvcs = new TreeSet<>();
    modules(c).streams().forEach(m -> nsvcs.add(m.nsvc().toString()));
    assertEquals(Set.of("sbase" + u + ":1:100:b1", scratch), nsvcs);
    List<String> asked = mbs.queries().stream().filter(q -> q.contains("sapp" + u)).toList();
    assertEquals(1, asked.size(), asked.toString());
    assertTrue(asked.get(0).contains("scratch=True"), asked.get(0));

    JsonObject only =
        done(
            compose(
                "{\"source\": {\"type\": \"module\", \"source\": \"\", \"scratch_modules\": [\""
                    + scratch
                    + "\"]}}"));
    assertEquals("", only.getString("source"));
    assertEquals(Set.of("sapp-tool-" + u + "-1.0-1.module_f39.500.noarch.rpm"), packageFiles(only));

    assumeTrue(Dnf.available(), "dnf is needed to install from the compose");
    Dnf dnf =
        Dnf.create(TestEnvironment.current().itDir().resolve("dnf-scratch-" + u), "x86_64")
            .addRepo("scratch-" + u, repository(c).toUri().toString());
    List<String> platform = List.of("--setopt=module_platform_id=platform:f39");
    ProcessRunner.Result list = dnf.run(concat(platform, List.of("module", "list", "sapp" + u)));
    assertTrue(list.ok(), list.output());
    assertTrue(list.output().contains("sapp" + u), list.output());
    ProcessRunner.Result install =
        dnf.run(concat(platform, List.of("-y", "module", "install", "sapp" + u + ":1/default")));
    assertTrue(install.ok(), install.output());
    assertTrue(dnf.isInstalled("sapp-tool-" + u), install.output());
  }

  @Test
  void anUnknownScratchModuleFailsNamingItAndOnlyTestComposesTakeScratchModules() {
    // A build that is no scratch build is not found as one.
    module(
        "plainmod" + u,
        "1",
        100,
        "p1",
        Map.of(),
        List.of("plainmod-" + u),
        Set.of("plainmod-" + u));
    for (String nsvc : List.of("nosuch" + u + ":1:1:c1_1", "plainmod" + u + ":1:100:p1")) {
      JsonObject c =
          compose(
              "{\"source\": {\"type\": \"module\", \"source\": \"\", \"scratch_modules\": [\""
                  + nsvc
                  + "\"]}}");
      assertEquals("failed", c.getString("state_name"), c.toString());
      assertTrue(
          c.getString("state_reason")
              .endsWith(
                  "Failed to find scratch module " + nsvc + " in ready or done state in the MBS."),
          c.getString("state_reason"));
    }

    var notTest =
        api.post(
            "/api/1/composes/",
            "{\"source\": {\"type\": \"module\", \"source\": \"\", \"scratch_modules\":"
                + " [\"a:1:1:c\"]}, \"compose_type\": \"nightly\"}");
    assertEquals(400, notTest.status(), notTest.body());
    assertTrue(notTest.body().contains("scratch_modules"), notTest.body());
    assertTrue(notTest.body().contains("compose_type"), notTest.body());
    var notNsvc =
        api.post(
            "/api/1/composes/",
            "{\"source\": {\"type\": \"module\", \"source\": \"\", \"scratch_modules\":"
                + " [\"a:1\"]}}");
    assertEquals(400, notNsvc.status(), notNsvc.body());
    assertTrue(notNsvc.body().contains("scratch_modules"), notNsvc.body());
  }

  /**
   * Each module of a compose is asked for once: the resolution's lookups (requested module, its
   * dependency, the scratch module) serve the content too.
   */
  @Test
  void aModuleComposeAsksMbsOncePerModule() throws Exception {
    module(
        "once-dep" + u,
        "2",
        200,
        "d1",
        Map.of(),
        List.of("once-dep-" + u),
        Set.of("once-dep-" + u));
    module(
        "once-app" + u,
        "1",
        100,
        "a1",
        Map.of("once-dep" + u, List.of("2")),
        List.of("once-app-" + u),
        Set.of("once-app-" + u));
    scratchModule("once-scratch" + u, "1", 300, "s1_1", "once-scratch-" + u);
    int before = mbs.requests(MbsProtocolTestServer.PATH);

    JsonObject c =
        done(
            compose(
                "{\"source\": {\"type\": \"module\", \"source\": \"once-app"
                    + u
                    + ":1\", \"scratch_modules\": [\"once-scratch"
                    + u
                    + ":1:300:s1_1\"]}}"));

    assertEquals(3, packageFiles(c).size());
    assertEquals(3, mbs.queriesAbout(u), mbs.queries().toString());
    assertEquals(3, mbs.requests(MbsProtocolTestServer.PATH) - before);
  }

  @Test
  void aTagComposeTakesScratchModulesToo() throws Exception {
    long tag = koji.createTag("stag-" + u, "x86_64");
    tagPlainBuild(tag, "splain-" + u);
    scratchModule("stmod" + u, "1", 700, "t1_1", "stmod-tool-" + u);

    JsonObject c =
        done(
            compose(
                "{\"source\": {\"type\": \"tag\", \"source\": \"stag-"
                    + u
                    + "\", \"scratch_modules\": [\"stmod"
                    + u
                    + ":1:700:t1_1\"]}}"));

    assertEquals(
        Set.of(
            "splain-" + u + "-1.0-1.noarch.rpm",
            "stmod-tool-" + u + "-1.0-1.module_f39.700.noarch.rpm"),
        packageFiles(c));
    assertEquals("stmod" + u + ":1:700:t1_1", modules(c).streams().get(0).nsvc().toString());
    assertEquals(1, mbs.queriesAbout(u), mbs.queries().toString());
  }

  /** A module build in Koji (no MBS): its content tag with one package, tagged into {@code tag}. */
  private void kojiModule(long tag, String name, long version, String context) {
    String pkg = name + "-pkg";
    String release = "1.module." + version;
    long content = koji.createTag("content-" + name + "-" + version, "x86_64");
    ImportedBuild rpm =
        topdir.importBuild(
            pkg,
            "1.0",
            release,
            null,
            TestRpms.builder(pkg, "1.0", release, "noarch")
                .file("/usr/share/" + pkg + version, pkg));
    koji.packageListAdd(content, pkg);
    koji.tagBuild(content, rpm.id());
    String modulemd =
        new MbsTestBuild(
                0,
                name,
                "1",
                version,
                context,
                MbsTestBuild.READY,
                Map.of(),
                "platform",
                "f39",
                390000,
                List.of(pkg + "-0:1.0-" + release + ".noarch"))
            .modulemd();
    long build =
        koji.createModuleBuild(
            name, "1", version, context, "content-" + name + "-" + version, modulemd);
    koji.packageListAdd(tag, name);
    koji.tagBuild(tag, build);
  }

  @Test
  void modularKojiTagsReplaceMbsTheTopMostTagWinningPerStream() throws Exception {
    long parent = koji.createTag("modular-base-" + u, "x86_64");
    long child = koji.createTag("modular-" + u, "x86_64");
    koji.addInheritance(child, parent, 10);
    kojiModule(parent, "km" + u, 200, "c2");
    kojiModule(child, "km" + u, 100, "c1");
    kojiModule(parent, "kn" + u, 300, "c3");

    JsonObject c =
        done(
            compose(
                "{\"source\": {\"type\": \"module\", \"source\": \"km"
                    + u
                    + ":1 kn"
                    + u
                    + ":1\", \"modular_koji_tags\": [\"modular-"
                    + u
                    + "\"]}}"));

    assertEquals("km" + u + ":1:100:c1 kn" + u + ":1:300:c3", c.getString("source"));
    assertTrue(c.getJsonNumber("koji_event").longValue() > 0, c.toString());
    assertEquals(
        Set.of(
            "km" + u + "-pkg-1.0-1.module.100.noarch.rpm",
            "kn" + u + "-pkg-1.0-1.module.300.noarch.rpm"),
        packageFiles(c));
    assertEquals(2, modules(c).streams().size());
    assertTrue(mbs.queries().stream().noneMatch(q -> q.contains("km" + u)), "MBS is not asked");

    JsonObject missing =
        compose(
            "{\"source\": {\"type\": \"module\", \"source\": \"zz"
                + u
                + ":1\", \"modular_koji_tags\": [\"modular-"
                + u
                + "\"]}}");
    assertEquals("failed", missing.getString("state_name"));
    assertTrue(
        missing
            .getString("state_reason")
            .contains("Failed to find module zz" + u + ":1 in the modular Koji tags"),
        missing.getString("state_reason"));
  }

  @Test
  void aTagComposeWithModularKojiTagsIsHybrid() throws Exception {
    long modular = koji.createTag("hybrid-modules-" + u, "x86_64");
    kojiModule(modular, "hm" + u, 500, "c5");
    long tag = koji.createTag("hybrid-" + u, "x86_64");
    tagPlainBuild(tag, "plain-" + u);

    JsonObject c =
        done(
            compose(
                "{\"source\": {\"type\": \"tag\", \"source\": \"hybrid-"
                    + u
                    + "\", \"modular_koji_tags\": [\"hybrid-modules-"
                    + u
                    + "\"]}}"));

    assertEquals(
        Set.of("plain-" + u + "-1.0-1.noarch.rpm", "hm" + u + "-pkg-1.0-1.module.500.noarch.rpm"),
        packageFiles(c));
    ModulemdDocuments modules = modules(c);
    assertEquals(1, modules.streams().size());
    assertEquals("hm" + u + ":1:500:c5", modules.streams().get(0).nsvc().toString());

    assumeTrue(Dnf.available(), "dnf is needed to read the compose");
    Dnf dnf =
        Dnf.create(TestEnvironment.current().itDir().resolve("dnf-hybrid-" + u), "x86_64")
            .addRepo("hybrid-" + u, repository(c).toUri().toString());
    List<String> platform = List.of("--setopt=module_platform_id=platform:f39");
    ProcessRunner.Result install =
        dnf.run(concat(platform, List.of("-y", "module", "install", "hm" + u + ":1/default")));
    assertTrue(install.ok(), install.output());
    assertTrue(dnf.isInstalled("hm" + u + "-pkg"), install.output());
    assertTrue(dnf.install("plain-" + u).ok());
  }

  @Test
  void anUnknownModuleFailsAndPackagesAreRefused() {
    JsonObject c = compose(moduleRequest("nope" + u + ":1"));
    assertEquals("failed", c.getString("state_name"));
    assertTrue(
        c.getString("state_reason")
            .endsWith("Failed to find module nope" + u + ":1 in ready state in the MBS."),
        c.getString("state_reason"));

    var refused =
        api.post(
            "/api/1/composes/",
            "{\"source\": {\"type\": \"module\", \"source\": \"x"
                + u
                + ":1\", \"packages\": [\"a\"]}}");
    assertEquals(400, refused.status(), refused.body());
    assertTrue(
        refused.body().contains("Exact packages cannot be set for MODULE source type."),
        refused.body());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  /** Tags a plain (non-modular) noarch build {@code name} shipping /usr/share/{@code name}. */
  private void tagPlainBuild(long tag, String name) throws Exception {
    ImportedBuild plain =
        topdir.importBuild(
            name,
            "1.0",
            "1",
            null,
            TestRpms.builder(name, "1.0", "1", "noarch").file("/usr/share/" + name, "x"));
    koji.packageListAdd(tag, name);
    koji.tagBuild(tag, plain.id());
  }
}
