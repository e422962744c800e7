package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestKeys;
import org.odcsj.testsupport.koji.KojiTestModel;
import org.odcsj.testsupport.koji.KojiTestTopdir;
import org.odcsj.testsupport.koji.KojiTestTopdir.ImportedBuild;

/**
 * The typed calls against the Koji protocol test hub holding a small Koji: f40-compose inherits
 * f40-updates (priority 10, which inherits f40) and f40-extras (priority 20); foo-1.0-1 is tagged
 * into f40 before event {@code before}, foo-1.1-1 into f40-updates after it.
 */
class KojiQueriesTest {
  static TestKey keyA;
  static TestKey keyB;

  @TempDir Path tmp;
  KojiProtocolTestHub server;
  KojiTestModel koji;
  KojiTestTopdir topdir;
  KojiQueries queries;
  long f40;
  long updates;
  long extras;
  long compose;
  long before;
  ImportedBuild foo1;
  ImportedBuild foo2;
  ImportedBuild bar;
  ImportedBuild baz;

  @BeforeAll
  static void keys() {
    keyA = KojiTestKeys.a();
    keyB = KojiTestKeys.b();
  }

  @BeforeEach
  void koji() {
    server = KojiProtocolTestHub.start();
    koji = server.koji();
    topdir = new KojiTestTopdir(tmp.resolve("koji"), koji);
    queries = new KojiQueries(new KojiHub(KojiHubSettings.of(server.url())));
    f40 = koji.createTag("f40", "x86_64 i686");
    updates = koji.createTag("f40-updates", "x86_64");
    extras = koji.createTag("f40-extras", null);
    compose = koji.createTag("f40-compose", "x86_64");
    koji.addInheritance(updates, f40, 0);
    koji.addInheritance(compose, updates, 10);
    koji.addInheritance(compose, extras, 20);
    koji.packageListAdd(f40, "foo");
    koji.packageListAdd(f40, "bar");
    koji.packageListAdd(extras, "baz");
    foo1 =
        topdir.importBuild(
            "foo",
            "1.0",
            "1",
            null,
            TestRpms.builder("foo", "1.0", "1", "x86_64"),
            TestRpms.builder("foo-libs", "1.0", "1", "i686"),
            TestRpms.builder("foo", "1.0", "1", "src"));
    bar =
        topdir.importBuild("bar", "2.0", "1", 3L, TestRpms.builder("bar", 3, "2.0", "1", "noarch"));
    baz =
        topdir.importBuild("baz", "0.1", "1", null, TestRpms.builder("baz", "0.1", "1", "x86_64"));
    koji.tagBuild(f40, foo1.id());
    koji.tagBuild(f40, bar.id());
    koji.tagBuild(extras, baz.id());
    before = koji.lastEvent();
    foo2 =
        topdir.importBuild(
            "foo",
            "1.1",
            "1",
            null,
            TestRpms.builder("foo", "1.1", "1", "x86_64"),
            TestRpms.builder("foo-libs", "1.1", "1", "i686"));
    koji.tagBuild(updates, foo2.id());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void lastEventHasItsIdAndTime() {
    KojiEvent event = queries.lastEvent();
    assertEquals(koji.lastEvent(), event.id());
    assertTrue(event.time().isAfter(Instant.parse("2026-12-01T00:00:00Z")), event.toString());
    assertEquals(123, event.time().getNano() / 1_000_000); // the double's fraction survives
  }

  @Test
  void tagsAreFoundByNameWithTheirArchesAndMissingOnesAreEmpty() {
    KojiTag tag = queries.tag("f40", null).orElseThrow();
    assertEquals(new KojiTag(f40, "f40", List.of("x86_64", "i686"), false), tag);
    assertEquals(List.of(), queries.tag("f40-extras", null).orElseThrow().arches());
    assertEquals(Optional.empty(), queries.tag("f99", null));
    assertEquals(Optional.empty(), queries.tag("f40-compose", 1001L)); // before it existed
  }

  @Test
  void fullInheritanceIsDepthFirstByPriority() {
    List<KojiInheritance> chain = queries.fullInheritance(compose, null);
    assertEquals(
        List.of("f40-updates", "f40", "f40-extras"),
        chain.stream().map(KojiInheritance::name).toList());
    assertEquals(List.of(1, 2, 1), chain.stream().map(KojiInheritance::depth).toList());
    assertEquals(List.of(10, 0, 20), chain.stream().map(KojiInheritance::priority).toList());
    assertNull(chain.get(0).maxdepth());
    assertEquals(f40, chain.get(1).parentId());
  }

  @Test
  void maxdepthAndIntransitiveLinksCutTheChain() {
    long shallow = koji.createTag("f40-shallow", "x86_64");
    koji.addInheritance(shallow, updates, 10, 0, false, ""); // f40-updates alone
    assertEquals(
        List.of("f40-updates"),
        queries.fullInheritance(shallow, null).stream().map(KojiInheritance::name).toList());
    assertEquals(0, queries.fullInheritance(shallow, null).get(0).maxdepth());

    long side = koji.createTag("f40-side", "x86_64");
    long top = koji.createTag("f40-top", "x86_64");
    koji.addInheritance(side, extras, 10, null, true, ""); // not passed on to f40-top
    koji.addInheritance(top, side, 10);
    assertEquals(
        List.of("f40-extras"),
        queries.fullInheritance(side, null).stream().map(KojiInheritance::name).toList());
    assertEquals(
        List.of("f40-side"),
        queries.fullInheritance(top, null).stream().map(KojiInheritance::name).toList());
    // the package list is inherited along the same chain: f40's list is cut off too
    assertEquals(List.of(), queries.taggedRpms("f40-shallow", null, true, true, null, null).rpms());
    koji.packageListAdd(updates, "foo");
    assertEquals(
        List.of("foo-1.1-1"),
        queries.taggedRpms("f40-shallow", null, true, true, null, null).builds().stream()
            .map(KojiBuild::nvr)
            .toList());
  }

  @Test
  void latestTaggedRpmsFollowInheritanceAndEvents() {
    KojiTaggedRpms now = queries.taggedRpms("f40-compose", null, true, true, null, List.of());
    assertEquals(
        List.of("foo-1.1-1", "bar-2.0-1", "baz-0.1-1"),
        now.builds().stream().map(KojiBuild::nvr).toList());
    assertEquals(
        List.of("f40-updates", "f40", "f40-extras"),
        now.builds().stream().map(KojiBuild::tagName).toList());
    assertEquals(
        List.of("foo-1.1-1.x86_64", "foo-libs-1.1-1.i686", "bar-2.0-1.noarch", "baz-0.1-1.x86_64"),
        now.rpms().stream().map(KojiRpm::nvra).toList());

    KojiTaggedRpms earlier = queries.taggedRpms("f40-compose", before, true, true, null, List.of());
    assertEquals(
        List.of("bar-2.0-1", "foo-1.0-1", "baz-0.1-1"), // f40's newest tagging first
        earlier.builds().stream().map(KojiBuild::nvr).toList());

    KojiTaggedRpms all = queries.taggedRpms("f40-compose", null, true, false, "foo", List.of());
    assertEquals(
        List.of("foo-1.1-1", "foo-1.0-1"), all.builds().stream().map(KojiBuild::nvr).toList());

    assertEquals(
        List.of(), queries.taggedRpms("f40-compose", null, false, true, null, null).rpms());
  }

  @Test
  void taggedRpmsCarryNilEpochsEpochsSizesAndPayloadhashes() {
    KojiTaggedRpms rpms =
        queries.taggedRpms("f40", null, false, true, null, List.of("x86_64", "noarch"));
    assertEquals(
        List.of("bar-2.0-1.noarch", "foo-1.0-1.x86_64"),
        rpms.rpms().stream().map(KojiRpm::nvra).toList());
    KojiRpm barRpm = rpms.rpms().get(0);
    KojiRpm foo = rpms.rpms().get(1);
    assertNull(foo.epoch());
    assertEquals(3L, barRpm.epoch());
    assertEquals(foo1.id(), foo.buildId());
    assertEquals(foo1.rpms().get(0).file().toFile().length(), foo.size());
    assertTrue(foo.payloadhash().matches("[0-9a-f]{32}"), foo.payloadhash());
    KojiBuild build = rpms.builds().get(1);
    assertEquals(
        new KojiBuild(foo1.id(), "foo-1.0-1", "foo", "1.0", "1", null, "f40", build.creationTime()),
        build);
    assertTrue(build.creationTime().getNano() % 1_000_000 != 0, "microseconds kept");
  }

  @Test
  void sizesBeyond2GiBComeAsI8() {
    long id =
        koji.addRpm(
            baz.id(), "baz-data", "0.1", "1", null, "noarch", "0".repeat(32), 3_221_225_472L);
    KojiRpm big =
        queries.rpmsOfBuild(baz.id()).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    assertEquals(3_221_225_472L, big.size());
  }

  @Test
  void listTaggedGivesBuildsAtAnEvent() {
    assertEquals(
        List.of("bar-2.0-1", "foo-1.0-1"),
        queries.taggedBuilds("f40-updates", before, true, true, null, null).stream()
            .map(KojiBuild::nvr)
            .toList());
    assertEquals(
        List.of("foo-1.1-1"),
        queries.taggedBuilds("f40-updates", null, true, true, "foo", null).stream()
            .map(KojiBuild::nvr)
            .toList());
  }

  @Test
  void tagChangesAreSeenThroughTheWholeInheritance() {
    List<Long> ids = new ArrayList<>(List.of(compose));
    queries.fullInheritance(compose, null).forEach(i -> ids.add(i.parentId()));
    assertTrue(queries.tagChangedSinceEvent(before, ids));
    long now = queries.lastEvent().id();
    assertFalse(queries.tagChangedSinceEvent(now, ids));
    koji.untagBuild(f40, bar.id());
    assertTrue(queries.tagChangedSinceEvent(now, ids));
    assertFalse(queries.tagChangedSinceEvent(now, List.of(extras)));
    assertEquals(
        List.of("foo-1.1-1", "baz-0.1-1"),
        queries.taggedRpms("f40-compose", null, true, true, null, null).builds().stream()
            .map(KojiBuild::nvr)
            .toList());
  }

  @Test
  void buildsAndTheirRpms() {
    KojiBuild build = queries.build("bar-2.0-1").orElseThrow();
    assertEquals(bar.id(), build.id());
    assertEquals(3L, build.epoch());
    assertNull(build.tagName());
    assertEquals(build, queries.build(bar.id()).orElseThrow());
    assertEquals(Optional.empty(), queries.build("bar-9-9"));
    assertEquals(
        List.of("foo-1.0-1.x86_64", "foo-libs-1.0-1.i686", "foo-1.0-1.src"),
        queries.rpmsOfBuild(foo1.id()).stream().map(KojiRpm::nvra).toList());
  }

  @Test
  void signaturesComeBatchedThroughMultiCall() {
    topdir.writeSigned(foo2, keyA);
    topdir.writeSigned(foo2, keyB);
    topdir.recordSignatureOnly(bar, keyB.sigkey());
    List<Long> ids = new ArrayList<>();
    for (ImportedBuild b : List.of(foo1, foo2, bar)) {
      b.rpms().forEach(r -> ids.add(r.id()));
    }
    server.clearRequests();
    KojiQueries batched =
        new KojiQueries(new KojiHub(KojiHubSettings.of(server.url()).withMulticallBatchSize(2)));
    Map<Long, List<KojiRpmSig>> sigs = batched.rpmSigs(ids);
    assertEquals(ids, List.copyOf(sigs.keySet()));
    assertEquals(3, server.calls("multiCall")); // 6 RPMs, 2 a call
    long fooX86 = foo2.rpms().get(0).id();
    assertEquals(
        List.of("", keyA.sigkey(), keyB.sigkey()),
        sigs.get(fooX86).stream().map(KojiRpmSig::sigkey).toList());
    assertEquals(
        List.of(""), sigs.get(foo1.rpms().get(0).id()).stream().map(KojiRpmSig::sigkey).toList());
    assertEquals(
        List.of("", keyB.sigkey()),
        sigs.get(bar.rpms().get(0).id()).stream().map(KojiRpmSig::sigkey).toList());
    assertTrue(sigs.get(fooX86).get(1).sighash().matches("[0-9a-f]{32}"));
  }

  @Test
  void aMissingTagIsAFaultNamingIt() {
    KojiFault fault =
        assertThrows(
            KojiFault.class, () -> queries.taggedRpms("f99", null, true, true, null, null));
    assertEquals(
        "Koji call listTaggedRPMS failed: GenericError: No such tagInfo: 'f99'",
        fault.getMessage());
  }

  @Test
  void theLatestReadyRepo() {
    assertEquals(Optional.empty(), queries.repo("f40"));
    koji.newRepo(f40);
    long second = koji.newRepo(f40);
    KojiRepo repo = queries.repo("f40").orElseThrow();
    assertEquals(second, repo.id());
    assertEquals(koji.lastEvent(), repo.createEvent());
    assertTrue(repo.creationTime().isAfter(Instant.parse("2026-12-01T00:00:00Z")));
  }
}
