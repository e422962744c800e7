package org.odcsj.source.koji.mbs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcsj.modulemd.Nsvc;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.koji.mbs.MbsQuery.BaseModuleFilter;
import org.odcsj.testsupport.mbs.MbsProtocolTestServer;
import org.odcsj.testsupport.mbs.MbsTestBuild;

/** The resolver and its MBS client against the MBS protocol test server (real HTTP and JSON). */
class ModuleResolverTest {

  static final long BIG = 9_920_231_002_101_236L; // over 2^53: a double would lose it

  MbsProtocolTestServer mbs;
  long ids = 1;

  @BeforeEach
  void start() throws Exception {
    mbs = MbsProtocolTestServer.start();
  }

  @AfterEach
  void stop() {
    mbs.close();
  }

  MbsTestBuild build(
      String name,
      String stream,
      long version,
      String context,
      int state,
      Map<String, List<String>> requires,
      long platform) {
    MbsTestBuild build =
        new MbsTestBuild(
            ids++,
            name,
            stream,
            version,
            context,
            state,
            requires,
            "platform",
            "f" + platform / 10000,
            platform,
            List.of(name + "-0:1.0-1.module.x86_64", name + "-0:1.0-1.module.src"));
    mbs.add(build);
    return build;
  }

  MbsTestBuild ready(String name, String stream, long version, String context) {
    return build(name, stream, version, context, MbsTestBuild.READY, Map.of(), 390000);
  }

  List<ResolvedModule> resolve(String items, boolean includeDone, boolean deps)
      throws SourceFailure {
    return resolve(items, includeDone, deps, BaseModuleFilter.NONE);
  }

  MbsClient client() {
    return new MbsClient(
        new MbsSettings(
            URI.create(mbs.url()),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5),
            3,
            Duration.ofMillis(5)));
  }

  List<ResolvedModule> scratch(String items) throws SourceFailure {
    return new ModuleResolver(client())
        .scratch(java.util.Arrays.stream(items.split(" ")).map(Nsvc::parse).toList());
  }

  List<ResolvedModule> resolve(
      String items, boolean includeDone, boolean deps, BaseModuleFilter base) throws SourceFailure {
    MbsClient client = client();
    List<Nsvc> modules = java.util.Arrays.stream(items.split(" ")).map(Nsvc::parse).toList();
    return new ModuleResolver(client)
        .resolve(
            new ModuleRequest(modules, includeDone, deps, base, Set.of("platform", "bootstrap")));
  }

  @Test
  void nameStreamGivesEveryContextOfTheNewestReadyVersion() throws Exception {
    ready("nodejs", "18", 100, "aaaa");
    ready("nodejs", "18", BIG, "bbbb");
    ready("nodejs", "18", BIG, "cccc");
    build("nodejs", "18", BIG + 1, "dddd", MbsTestBuild.DONE, Map.of(), 390000);
    List<ResolvedModule> modules = resolve("nodejs:18", false, true);
    assertEquals(
        "nodejs:18:" + BIG + ":bbbb nodejs:18:" + BIG + ":cccc", ModuleResolver.source(modules));
    assertTrue(mbs.queries().get(0).contains("state=5"), mbs.queries().get(0));
    assertTrue(mbs.queries().get(0).contains("order_desc_by=version"));
    assertTrue(mbs.queries().get(0).contains("verbose=True"));
  }

  @Test
  void includeDoneAndAFullNsvcAlsoTakeDoneBuilds() throws Exception {
    ready("nodejs", "18", 100, "aaaa");
    build("nodejs", "18", 200, "dddd", MbsTestBuild.DONE, Map.of(), 390000);
    assertEquals("nodejs:18:200:dddd", ModuleResolver.source(resolve("nodejs:18", true, true)));
    assertEquals(
        "nodejs:18:200:dddd", ModuleResolver.source(resolve("nodejs:18:200:dddd", false, true)));
    assertEquals(
        "nodejs:18:100:aaaa", ModuleResolver.source(resolve("nodejs:18:100", false, true)));
    SourceFailure missing =
        assertThrows(SourceFailure.class, () -> resolve("nodejs:18:200", false, true));
    assertEquals(
        "Failed to find module nodejs:18:200 in ready state in the MBS.", missing.getMessage());
    SourceFailure none = assertThrows(SourceFailure.class, () -> resolve("perl:5", true, true));
    assertEquals(
        "Failed to find module perl:5 in ready or done state in the MBS.", none.getMessage());
  }

  @Test
  void aDevelModuleIsItsModulesBuildRenamedAndRequiringIt() throws Exception {
    ready("nodejs", "18", 100, "aaaa");
    List<ResolvedModule> modules = resolve("nodejs-devel:18", false, false);
    assertEquals(1, modules.size());
    ResolvedModule devel = modules.get(0);
    assertTrue(devel.devel());
    assertEquals("nodejs-devel:18:100:aaaa", devel.nsvc().toString());
    assertEquals("nodejs-devel", devel.modulemd().name());
    assertEquals(List.of("18"), devel.modulemd().runtimeRequires().get("nodejs"));
    assertEquals("module-nodejs-18-100-aaaa", devel.build().kojiTag());
  }

  @Test
  void twoVersionsOfOneStreamConflict() throws Exception {
    ready("nodejs", "18", 100, "aaaa");
    ready("nodejs", "18", 200, "aaaa");
    SourceFailure conflict =
        assertThrows(
            SourceFailure.class, () -> resolve("nodejs:18:100 nodejs:18:200", false, true));
    assertEquals("nodejs:18:200:aaaa conflicts with nodejs:18:100:aaaa", conflict.getMessage());
    assertEquals(
        "nodejs:18:200:aaaa",
        ModuleResolver.source(resolve("nodejs:18 nodejs:18:200", false, true)));
  }

  @Test
  void runtimeDependenciesAreAddedRecursivelyButNoBaseModules() throws Exception {
    build(
        "app",
        "1",
        10,
        "a1",
        MbsTestBuild.READY,
        Map.of("web", List.of("2"), "platform", List.of("f39")),
        390000);
    build("web", "2", 20, "w1", MbsTestBuild.READY, Map.of("lib", List.of("3")), 390000);
    ready("lib", "3", 30, "l1");
    ready("platform", "f39", 1, "00000000");
    assertEquals(
        "app:1:10:a1 lib:3:30:l1 web:2:20:w1",
        ModuleResolver.source(resolve("app:1", false, true)));
    assertEquals("app:1:10:a1", ModuleResolver.source(resolve("app:1", false, false)));
    assertTrue(
        mbs.queries().stream().noneMatch(q -> q.contains("nsvc=platform")),
        mbs.queries().toString());
    assertEquals("app:1:10:a1", ModuleResolver.source(resolve("app:1 platform:f39", false, false)));
  }

  @Test
  void aDependencyIsBuiltAgainstTheSameBaseModuleNoNewer() throws Exception {
    build("app", "1", 10, "a1", MbsTestBuild.READY, Map.of("lib", List.of("3")), 390000);
    build("lib", "3", 31, "f38", MbsTestBuild.READY, Map.of(), 380000);
    build("lib", "3", 32, "f39", MbsTestBuild.READY, Map.of(), 390000);
    build("lib", "3", 33, "f40", MbsTestBuild.READY, Map.of(), 400000);
    assertEquals("app:1:10:a1 lib:3:32:f39", ModuleResolver.source(resolve("app:1", false, true)));
    String depQuery = mbs.queries().get(mbs.queries().size() - 1);
    assertTrue(depQuery.contains("base_module_br_name=platform"), depQuery);
    assertTrue(depQuery.contains("base_module_br_stream_version_lte=390000"), depQuery);
  }

  @Test
  void theRequestsBaseModuleFilterNarrowsTheRequestedModules() throws Exception {
    build("lib", "3", 31, "f38", MbsTestBuild.READY, Map.of(), 380000);
    build("lib", "3", 33, "f40", MbsTestBuild.READY, Map.of(), 400000);
    assertEquals(
        "lib:3:31:f38",
        ModuleResolver.source(
            resolve(
                "lib:3", false, true, new BaseModuleFilter("platform", "f38", 389999L, 380000L))));
  }

  @Test
  void pagesAreFollowedForAllContextsOfTheNewestVersionOnly() throws Exception {
    for (int i = 0; i < 25; i++) {
      ready("big", "1", 500, String.format("c%03d", i));
    }
    for (int i = 0; i < 30; i++) {
      ready("big", "1", 400, String.format("o%03d", i));
    }
    List<ResolvedModule> modules = resolve("big:1", false, true);
    assertEquals(25, modules.size());
    assertTrue(modules.stream().allMatch(m -> m.build().version() == 500));
    assertEquals(3, mbs.queries().size(), mbs.queries().toString());
  }

  @Test
  void anUnavailableMbsIsRetriedThenNamed() throws Exception {
    ready("nodejs", "18", 100, "aaaa");
    mbs.failNext(2);
    assertEquals("nodejs:18:100:aaaa", ModuleResolver.source(resolve("nodejs:18", false, true)));
    mbs.failNext(10);
    SourceFailure down = assertThrows(SourceFailure.class, () -> resolve("nodejs:18", false, true));
    assertTrue(
        down.getMessage()
            .startsWith("MBS at " + mbs.url() + " is unreachable: HTTP 503 after 3 attempts"),
        down.getMessage());
  }

  @Test
  void aScratchModuleIsTheScratchBuildOfItsExactNsvcWithMbssModulemd() throws Exception {
    MbsTestBuild done =
        build("nodejs", "18", 300, "aaaa_1", MbsTestBuild.DONE, Map.of(), 390000).asScratch();
    mbs.add(done);
    List<ResolvedModule> found = scratch("nodejs:18:300:aaaa_1 nodejs:18:300:aaaa_1");
    assertEquals(1, found.size());
    assertTrue(found.get(0).build().scratch());
    assertEquals("nodejs:18:300:aaaa_1", found.get(0).nsvc().toString());
    assertEquals(done.kojiTag(), found.get(0).build().kojiTag());
    assertEquals(
        List.of("nodejs-0:1.0-1.module.x86_64", "nodejs-0:1.0-1.module.src"),
        found.get(0).modulemd().artifactRpms());
    assertEquals(1, mbs.queries().size(), "one query per scratch module: " + mbs.queries());
    String query = mbs.queries().get(0);
    assertTrue(query.contains("scratch=True") && query.contains("state=3"), query);
  }

  @Test
  void aBuildThatIsNoScratchBuildOrNotReadyOrDoneIsNoScratchModule() throws Exception {
    ready("nodejs", "18", 100, "aaaa");
    mbs.add(build("nodejs", "18", 200, "bbbb_1", 4, Map.of(), 390000).asScratch()); // failed
    for (String nsvc : List.of("nodejs:18:100:aaaa", "nodejs:18:200:bbbb_1")) {
      SourceFailure missing = assertThrows(SourceFailure.class, () -> scratch(nsvc));
      assertEquals(
          "Failed to find scratch module " + nsvc + " in ready or done state in the MBS.",
          missing.getMessage());
    }
    assertThrows(SourceFailure.class, () -> scratch("nodejs:18"));
  }
}
