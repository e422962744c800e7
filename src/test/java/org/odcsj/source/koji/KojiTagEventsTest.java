package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestModel;

/**
 * The event a tag is composed at, remembered per tag, against the Koji protocol test hub:
 * f40-compose inherits f40-updates, which inherits f40; f40-other is unrelated.
 */
class KojiTagEventsTest {
  KojiProtocolTestHub server;
  KojiTestModel koji;
  KojiTagEvents events;
  long f40;
  long updates;
  long compose;
  long other;
  long foo1;
  long foo2;

  @BeforeEach
  void koji() {
    server = KojiProtocolTestHub.start();
    koji = server.koji();
    events = new KojiTagEvents(new KojiQueries(new KojiHub(KojiHubSettings.of(server.url()))));
    f40 = koji.createTag("f40", "x86_64");
    updates = koji.createTag("f40-updates", "x86_64");
    compose = koji.createTag("f40-compose", "x86_64");
    other = koji.createTag("f40-other", "x86_64");
    koji.addInheritance(updates, f40, 0);
    koji.addInheritance(compose, updates, 10);
    koji.packageListAdd(f40, "foo");
    koji.packageListAdd(other, "foo");
    foo1 = koji.createBuild("foo", "1.0", "1", null);
    foo2 = koji.createBuild("foo", "1.1", "1", null);
    koji.tagBuild(f40, foo1);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void anUnchangedTagIsComposedAtTheRememberedEventWithoutAskingForANewOne() {
    long first = events.eventFor("f40-compose", null);
    assertEquals(koji.lastEvent(), first);
    koji.tagBuild(other, foo2); // the event moves on, but not in f40-compose's chain
    server.clearRequests();
    assertEquals(first, events.eventFor("f40-compose", null));
    assertEquals(0, server.calls("getLastEvent"));
    assertEquals(1, server.calls("tagChangedSinceEvent"));
  }

  @Test
  void aChangeAnywhereInTheInheritanceTakesANewEvent() {
    long first = events.eventFor("f40-compose", null);
    long tagged = koji.tagBuild(f40, foo2); // two levels up
    long second = events.eventFor("f40-compose", null);
    assertEquals(tagged, second);
    assertNotEquals(first, second);
    assertEquals(second, events.eventFor("f40-compose", null));
  }

  @Test
  void eachTagRemembersItsOwnEvent() {
    long composeEvent = events.eventFor("f40-compose", null);
    koji.tagBuild(other, foo2);
    assertEquals(koji.lastEvent(), events.eventFor("f40-other", null));
    assertEquals(composeEvent, events.eventFor("f40-compose", null));
  }

  @Test
  void aRequestedEventIsUsedAsItIsAndLeavesTheMemoryAlone() {
    long first = events.eventFor("f40-compose", null);
    assertEquals(1005L, events.eventFor("f40-compose", 1005L));
    server.clearRequests();
    assertEquals(first, events.eventFor("f40-compose", null));
    assertEquals(0, server.calls("getLastEvent"));
  }

  @Test
  void anUnknownTagFailsWithOdcsMessage() {
    KojiNotFound e = assertThrows(KojiNotFound.class, () -> events.eventFor("f99", null));
    assertEquals("Unknown Koji tag f99.", e.getMessage());
    assertEquals(
        "Unknown Koji tag f99.",
        assertThrows(KojiNotFound.class, () -> events.eventFor("f99", 1004L)).getMessage());
    assertEquals(
        "Unknown Koji tag f99.",
        assertThrows(KojiNotFound.class, () -> events.changedSince("f99", 1004L)).getMessage());
  }

  @Test
  void changedSinceFollowsTheInheritance() {
    long event = koji.lastEvent();
    assertFalse(events.changedSince("f40-compose", event));
    koji.untagBuild(f40, foo1);
    assertTrue(events.changedSince("f40-compose", event));
    assertTrue(events.changedSince("f40", event));
    assertFalse(events.changedSince("f40-other", event));
  }

  @Test
  void anInheritanceChangeOfTheTagItselfCounts() {
    long event = koji.lastEvent();
    koji.addInheritance(compose, other, 20);
    assertTrue(events.changedSince("f40-compose", event));
  }

  @Test
  void aNewerComposeIsNeverReusedForAnOlderRequest() {
    long composed = koji.lastEvent();
    assertFalse(events.mayReuse("f40-compose", composed, composed - 1));
    assertFalse(KojiEventOrder.mayReuse(composed, composed - 1));
    assertTrue(KojiEventOrder.mayReuse(composed, composed));
    assertTrue(KojiEventOrder.mayReuse(composed, null));
  }

  @Test
  void reuseNeedsTheTagUnchangedSinceTheComposedEvent() {
    long composed = koji.lastEvent();
    assertTrue(events.mayReuse("f40-compose", composed, null));
    assertTrue(events.mayReuse("f40-compose", composed, composed + 5));
    koji.tagBuild(f40, foo2);
    assertFalse(events.mayReuse("f40-compose", composed, null));
    // the very event the compose was made at: Koji's content then cannot change
    server.clearRequests();
    assertTrue(events.mayReuse("f40-compose", composed, composed));
    assertEquals(0, server.calls("tagChangedSinceEvent"));
  }

  @Test
  void aStoppedHubFailsWithAReasonAnOperatorCanActOn() {
    var url = server.url();
    server.close();
    KojiTagEvents down =
        new KojiTagEvents(
            new KojiQueries(
                new KojiHub(KojiHubSettings.of(url).withRetries(4, Duration.ofMillis(5)))));
    KojiHubUnreachable e =
        assertThrows(KojiHubUnreachable.class, () -> down.eventFor("f40-compose", null));
    assertEquals(
        "Koji hub " + url + " unreachable after 4 attempts: connection refused (call getTag)",
        e.getMessage());
  }
}
