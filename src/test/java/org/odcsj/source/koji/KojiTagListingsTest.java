package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestModel;

/**
 * Tag listings read incrementally from a remembered one, against the Koji protocol test hub:
 * f40-compose inherits f40-updates, which inherits f40; f40-extras joins and leaves the
 * inheritance; f40-other is unrelated. Whatever the path, the answer must be exactly the full
 * {@code listTaggedRPMS} at the event.
 */
class KojiTagListingsTest {
  static final List<String> TAGS = List.of("f40", "f40-updates", "f40-compose", "f40-extras");

  KojiProtocolTestHub server;
  KojiTestModel koji;
  KojiQueries queries;
  KojiTagListings listings;
  final Map<String, Long> tags = new TreeMap<>();
  final Map<String, Integer> versions = new TreeMap<>();
  final List<Long> builds = new ArrayList<>();

  @BeforeEach
  void koji() {
    server = KojiProtocolTestHub.start();
    koji = server.koji();
    queries = new KojiQueries(new KojiHub(KojiHubSettings.of(server.url())));
    listings = new KojiTagListings(queries);
    for (String name : List.of("f40", "f40-updates", "f40-compose", "f40-extras", "f40-other")) {
      tags.put(name, koji.createTag(name, "x86_64"));
    }
    koji.addInheritance(tags.get("f40-updates"), tags.get("f40"), 0);
    koji.addInheritance(tags.get("f40-compose"), tags.get("f40-updates"), 10);
    for (int p = 0; p < 8; p++) {
      koji.packageListAdd(tags.get("f40"), "p" + p);
      koji.packageListAdd(tags.get("f40-other"), "p" + p);
      koji.tagBuild(tags.get("f40"), build("p" + p));
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void oneBuildTaggedIsReadByItsPackageNameAlone() {
    KojiTagListings.Listed first = listings.list("f40-compose", koji.lastEvent(), true);
    long remembered = koji.lastEvent();
    assertTrue(first.how().endsWith("full (none remembered)"), first.how());
    long newer = build("p3");
    koji.tagBuild(tags.get("f40-updates"), newer);
    server.clearRequests();

    KojiTagListings.Listed second = listings.list("f40-compose", koji.lastEvent(), true);

    assertEquals(
        "Koji listing of tag f40-compose at event "
            + koji.lastEvent()
            + ": incremental from event "
            + remembered
            + ", 1 package names re-listed",
        second.how());
    assertEquals(
        0,
        server.requests().stream().filter(r -> r.method().equals("listTaggedRPMS")).count(),
        "no full listing asked for");
    assertEquals(1, server.calls("listTaggedRPMS"));
    assertTrue(
        second.tagged().builds().stream().anyMatch(b -> b.id() == newer), "the new build is in");
    assertEquals(
        1, second.tagged().builds().stream().filter(b -> b.packageName().equals("p3")).count());
    assertEquals(full("f40-compose", koji.lastEvent(), true), content(second.tagged()));
  }

  @Test
  void aChangeOutsideTheHistoryTablesReadsTheFullListing() {
    listings.list("f40-compose", koji.lastEvent(), true);
    koji.importRpm(builds.get(2), "p2-extra", "x86_64", "ab".repeat(16), 10);

    KojiTagListings.Listed after = listings.list("f40-compose", koji.lastEvent(), true);

    assertTrue(after.how().contains("full (Koji changed the tags in a way"), after.how());
    assertEquals(full("f40-compose", koji.lastEvent(), true), content(after.tagged()));
  }

  @Test
  void anInheritanceChangeReadsTheFullListing() {
    listings.list("f40-compose", koji.lastEvent(), true);
    koji.addInheritance(tags.get("f40-compose"), tags.get("f40-extras"), 20);

    KojiTagListings.Listed after = listings.list("f40-compose", koji.lastEvent(), true);

    assertTrue(after.how().contains("full (the inheritance changed"), after.how());
  }

  @Test
  void theSameEventIsAnsweredFromMemoryAndAnEarlierOneInFull() {
    long early = koji.lastEvent();
    listings.list("f40-compose", early, true);
    koji.tagBuild(tags.get("f40"), build("p1"));
    listings.list("f40-compose", koji.lastEvent(), true);
    server.clearRequests();

    assertTrue(listings.list("f40-compose", koji.lastEvent(), true).how().contains("remembered"));
    assertEquals(0, server.calls("listTaggedRPMS"));
    KojiTagListings.Listed old = listings.list("f40-compose", early, true);
    assertTrue(old.how().contains("full (the remembered one is at a later event"), old.how());
    assertEquals(full("f40-compose", early, true), content(old.tagged()));
  }

  @Test
  void onlyTheLastFewTagsAreRemembered() {
    long event = koji.lastEvent();
    listings.list("f40-compose", event, true);
    for (int i = 0; i < KojiTagListings.REMEMBERED; i++) {
      koji.createTag("f40-more-" + i, "x86_64");
    }
    for (int i = 0; i < KojiTagListings.REMEMBERED; i++) {
      listings.list("f40-more-" + i, koji.lastEvent(), true);
    }
    assertTrue(listings.list("f40-more-0", koji.lastEvent(), true).how().contains("remembered"));

    KojiTagListings.Listed again = listings.list("f40-compose", event, true);

    assertTrue(again.how().endsWith("full (none remembered)"), again.how());
    assertEquals(full("f40-compose", event, true), content(again.tagged()));
  }

  @Test
  void anUnknownTagIsNamed() {
    KojiNotFound e =
        assertThrows(KojiNotFound.class, () -> listings.list("f99", koji.lastEvent(), true));
    assertEquals("Unknown Koji tag f99.", e.getMessage());
  }

  /**
   * Random histories — tagging, untagging, package list adds, blocks, unblocks and removals in
   * every tag of the chain and outside it, inheritance links added and removed, RPMs imported into
   * tagged builds — and after each step the listing, with and without inheritance, equals the full
   * one; most steps take the incremental path.
   */
  @Test
  void incrementalListingsEqualFullListingsOverRandomTagHistories() {
    int incremental = 0;
    int checks = 0;
    for (long seed = 1; seed <= 8; seed++) {
      Random random = new Random(seed);
      KojiTagListings memory = new KojiTagListings(queries);
      for (int step = 0; step < 16; step++) {
        int changes = 1 + random.nextInt(3);
        for (int c = 0; c < changes; c++) {
          change(random);
        }
        for (boolean inherit : List.of(true, false)) {
          long event = koji.lastEvent();
          KojiTagListings.Listed listed = memory.list("f40-compose", event, inherit);
          assertEquals(
              full("f40-compose", event, inherit),
              content(listed.tagged()),
              "seed " + seed + " step " + step + " inherit " + inherit + ": " + listed.how());
          checks++;
          if (listed.how().contains("incremental")) {
            incremental++;
          }
        }
      }
    }
    assertTrue(incremental > checks / 2, incremental + " of " + checks + " incremental");
  }

  private void change(Random random) {
    String tag = TAGS.get(random.nextInt(TAGS.size()));
    long tagId = tags.get(tag);
    String pkg = "p" + random.nextInt(10); // p8 and p9 are in no package list at first
    try {
      switch (random.nextInt(12)) {
        case 0, 1, 2, 3 -> koji.tagBuild(tagId, build(pkg));
        case 4 -> koji.tagBuild(tagId, builds.get(random.nextInt(builds.size())));
        case 5 -> koji.untagBuild(tagId, builds.get(random.nextInt(builds.size())));
        case 6 -> koji.packageListAdd(tagId, pkg);
        case 7 -> koji.packageListBlock(tagId, pkg);
        case 8 -> koji.packageListUnblock(tagId, pkg);
        case 9 -> koji.packageListRemove(tagId, pkg);
        case 10 -> {
          if (random.nextBoolean()) {
            koji.addInheritance(tags.get("f40-compose"), tags.get("f40-extras"), 20);
          } else {
            koji.removeInheritance(tags.get("f40-compose"), tags.get("f40-extras"));
          }
        }
        default -> {
          if (random.nextInt(3) == 0) {
            koji.importRpm(
                builds.get(random.nextInt(builds.size())),
                pkg + "-imported",
                "x86_64",
                "cd".repeat(16),
                20);
          } else {
            koji.tagBuild(tags.get("f40-other"), build(pkg));
          }
        }
      }
    } catch (RuntimeException notAllowed) {
      // e.g. tagging a package that is not (or blocked) in the package list, as Koji refuses
    }
  }

  /** A new build of the package, one version up, with an x86_64 and a noarch RPM. */
  private long build(String pkg) {
    int version = versions.merge(pkg, 1, Integer::sum);
    long id = koji.createBuild(pkg, version + ".0", "1", null);
    for (String arch : List.of("x86_64", "noarch")) {
      koji.addRpm(
          id, pkg, version + ".0", "1", null, arch, "%032x".formatted(id * 7 + arch.length()), 100);
    }
    builds.add(id);
    return id;
  }

  private record Content(Set<KojiRpm> rpms, Set<KojiBuild> builds, int rpmCount, int buildCount) {}

  private Content full(String tag, long event, boolean inherit) {
    return content(queries.taggedRpms(tag, event, inherit, true, null, null));
  }

  private static Content content(KojiTaggedRpms tagged) {
    return new Content(
        new HashSet<>(tagged.rpms()),
        new HashSet<>(tagged.builds()),
        tagged.rpms().size(),
        tagged.builds().size());
  }
}
