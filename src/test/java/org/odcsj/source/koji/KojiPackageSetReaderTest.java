package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestModel;

/**
 * The package set of tag and build composes against the Koji protocol test hub: f40-compose
 * inherits f40; foo-1.0-1 and bar-2.0-1 are tagged into f40, foo-1.1-1 into f40-compose; foo-0.9-1
 * and baz-1-1 are built but tagged nowhere.
 */
class KojiPackageSetReaderTest {
  KojiProtocolTestHub server;
  KojiTestModel koji;
  KojiPackageSetReader reader;
  long f40;
  long compose;
  long before;

  @BeforeEach
  void koji() {
    server = KojiProtocolTestHub.start();
    koji = server.koji();
    reader =
        new KojiPackageSetReader(new KojiQueries(new KojiHub(KojiHubSettings.of(server.url()))));
    f40 = koji.createTag("f40", "x86_64");
    compose = koji.createTag("f40-compose", "x86_64");
    koji.addInheritance(compose, f40, 0);
    koji.packageListAdd(f40, "foo");
    koji.packageListAdd(f40, "bar");
    koji.tagBuild(f40, build("foo", "1.0", "foo", "foo-libs"));
    koji.tagBuild(f40, build("bar", "2.0", "bar"));
    before = koji.lastEvent();
    koji.tagBuild(compose, build("foo", "1.1", "foo", "foo-libs"));
    build("foo", "0.9", "foo", "foo-libs");
    build("baz", "1", "baz", "baz-tools");
  }

  /** A build {@code <name>-<version>-1} with an x86_64 RPM per name and its source RPM. */
  private long build(String name, String version, String... rpms) {
    long id = koji.createBuild(name, version, "1", null);
    for (String rpm : rpms) {
      koji.addRpm(id, rpm, version, "1", null, "x86_64", "0".repeat(32), 1000);
    }
    koji.addRpm(id, name, version, "1", null, "src", "1".repeat(32), 500);
    return id;
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static List<String> nvras(KojiPackageSet set) {
    return set.rpms().stream().map(r -> r.rpm().nvra()).sorted().toList();
  }

  @Test
  void aTagGivesItsLatestBuildsWithInheritanceAtTheEvent() {
    KojiPackageSet now = reader.ofTag("f40-compose", koji.lastEvent(), true, List.of(), List.of());
    assertEquals(
        List.of(
            "bar-2.0-1.src",
            "bar-2.0-1.x86_64",
            "foo-1.1-1.src",
            "foo-1.1-1.x86_64",
            "foo-libs-1.1-1.x86_64"),
        nvras(now));
    assertEquals("foo-1.1-1", now.rpms().get(0).build().nvr()); // each RPM with its build
    assertEquals(List.of(), now.taskRpms());

    KojiPackageSet earlier = reader.ofTag("f40-compose", before, true, null, null);
    assertTrue(nvras(earlier).contains("foo-1.0-1.x86_64"), nvras(earlier).toString());
  }

  @Test
  void noInheritanceReadsTheTagAlone() {
    assertEquals(
        List.of("foo-1.1-1.src", "foo-1.1-1.x86_64", "foo-libs-1.1-1.x86_64"),
        nvras(reader.ofTag("f40-compose", koji.lastEvent(), false, List.of(), List.of())));
  }

  @Test
  void aRequestedBuildReplacesTheTaggedBuildOfItsPackageEvenWhenOlder() {
    KojiPackageSet set =
        reader.ofTag(
            "f40-compose", koji.lastEvent(), true, List.of("foo-0.9-1", "baz-1-1"), List.of());
    assertEquals(
        List.of(
            "bar-2.0-1.src",
            "bar-2.0-1.x86_64",
            "baz-1-1.src",
            "baz-1-1.x86_64",
            "baz-tools-1-1.x86_64",
            "foo-0.9-1.src",
            "foo-0.9-1.x86_64",
            "foo-libs-0.9-1.x86_64"),
        nvras(set));
  }

  @Test
  void aBuildComposeIsTheListedBuildsOnly() {
    assertEquals(
        List.of("baz-1-1.src", "baz-1-1.x86_64", "baz-tools-1-1.x86_64"),
        nvras(reader.ofBuilds(List.of("baz-1-1", "baz-1-1"), List.of())));
    server.clearRequests();
    reader.ofBuilds(List.of("baz-1-1", "foo-0.9-1"), List.of());
    assertEquals(2, server.requests().size(), "one multiCall for the builds, one for their RPMs");
  }

  @Test
  void unknownBuildsAreNamed() {
    KojiNotFound one =
        assertThrows(KojiNotFound.class, () -> reader.ofBuilds(List.of("nope-1-1"), List.of()));
    assertEquals("Unknown Koji build nope-1-1.", one.getMessage());
    KojiNotFound two =
        assertThrows(
            KojiNotFound.class,
            () ->
                reader.ofTag(
                    "f40", koji.lastEvent(), true, List.of("a-1-1", "baz-1-1", "b-2-2"), null));
    assertEquals("Unknown Koji builds a-1-1, b-2-2.", two.getMessage());
  }

  @Test
  void anUnknownTagFailsWithOdcsMessage() {
    KojiNotFound e =
        assertThrows(
            KojiNotFound.class, () -> reader.ofTag("f99", koji.lastEvent(), true, null, null));
    assertEquals("Unknown Koji tag f99.", e.getMessage());
  }

  @Test
  void scratchBuildRpmsReplaceTheirSourcePackage() {
    long task =
        koji.scratchBuild(
            List.of("foo-1.2-0.scratch.x86_64.rpm", "foo-devel-1.2-0.scratch.x86_64.rpm"),
            "foo-1.2-0.scratch.src.rpm");
    KojiPackageSet set = reader.ofTag("f40-compose", koji.lastEvent(), true, null, List.of(task));
    assertEquals(List.of("bar-2.0-1.src", "bar-2.0-1.x86_64"), nvras(set)); // foo-libs too
    assertEquals(
        List.of(
            "foo-1.2-0.scratch.x86_64", "foo-devel-1.2-0.scratch.x86_64", "foo-1.2-0.scratch.src"),
        set.taskRpms().stream().map(KojiTaskRpm::nvra).toList());
    KojiTaskRpm rpm = set.taskRpms().get(0);
    long child = task + 1;
    assertEquals(child, rpm.taskId());
    assertEquals(
        "tasks/" + (child % 10000) + "/" + child + "/foo-1.2-0.scratch.x86_64.rpm", rpm.path());
    assertEquals("work/" + rpm.path(), rpm.topdirPath());
    assertEquals("foo", rpm.name());
    assertEquals("1.2", rpm.version());
    assertEquals("0.scratch", rpm.release());
    assertEquals("x86_64", rpm.arch());
  }

  @Test
  void withoutASourceRpmAScratchBuildReplacesTheSameBinaryNames() {
    long task = koji.scratchBuild(List.of("foo-libs-1.2-0.x86_64.rpm"), null);
    KojiPackageSet set = reader.ofBuilds(List.of("foo-1.1-1"), List.of(task));
    assertEquals(List.of("foo-1.1-1.src", "foo-1.1-1.x86_64"), nvras(set));
    assertEquals(
        List.of("foo-libs-1.2-0.x86_64"), set.taskRpms().stream().map(KojiTaskRpm::nvra).toList());
  }

  @Test
  void unusableScratchTasksAreRefusedNamingTheTask() {
    long failed = koji.failedScratchBuild();
    assertEquals(
        "Koji task "
            + failed
            + " did not succeed: its buildArch task "
            + (failed + 1)
            + " is FAILED.",
        assertThrows(KojiNotFound.class, () -> reader.ofBuilds(null, List.of(failed)))
            .getMessage());
    assertEquals(
        "Koji task 999999 has no subtasks: it is not the task of a scratch build.",
        assertThrows(KojiNotFound.class, () -> reader.ofBuilds(null, List.of(999_999L)))
            .getMessage());
    long empty = koji.scratchBuild(List.of(), null);
    assertEquals(
        "Koji task " + empty + " uploaded no RPMs.",
        assertThrows(KojiNotFound.class, () -> reader.ofBuilds(null, List.of(empty))).getMessage());
    long hostile = koji.scratchBuild(List.of("../../../etc/x-1-1.x86_64.rpm"), null);
    assertTrue(
        assertThrows(KojiNotFound.class, () -> reader.ofBuilds(null, List.of(hostile)))
            .getMessage()
            .startsWith("Koji task " + hostile + " lists an unusable file: "));
  }
}
