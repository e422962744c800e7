package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestModel;

/** The client's transport against the Koji protocol test hub: HTTP, faults, multiCall, retries. */
class KojiHubTest {
  private KojiProtocolTestHub server;
  private KojiHub hub;
  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          logged.add(record);
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void start() {
    server = KojiProtocolTestHub.start();
    hub = new KojiHub(fast(KojiHubSettings.of(server.url())));
    Logger.getLogger(KojiTransport.class.getName()).addHandler(capture);
  }

  @AfterEach
  void stop() {
    Logger.getLogger(KojiTransport.class.getName()).removeHandler(capture);
    server.close();
  }

  private static KojiHubSettings fast(KojiHubSettings settings) {
    return settings
        .withRetries(3, Duration.ofMillis(10))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5));
  }

  @Test
  void theHubTakesOnlyPostAndNamesItsVersion() throws Exception {
    HttpResponse<String> get =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(server.url()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(405, get.statusCode());
    assertEquals(KojiProtocolTestHub.KOJI_VERSION, get.headers().firstValue("Koji-Version").get());
  }

  @Test
  void aCallIsAPostOfTextXmlAndItsStructComesBackTyped() {
    Map<?, ?> event = assertInstanceOf(Map.class, hub.call("getLastEvent"));
    assertInstanceOf(Long.class, event.get("id"));
    assertInstanceOf(Double.class, event.get("ts"));
    assertEquals(
        List.of(new KojiProtocolTestHub.Request("getLastEvent", "text/xml", 1)), server.requests());
  }

  @Test
  void nilResultsAreNull() {
    assertNull(hub.call("getTag", "no-such-tag"));
    assertNull(hub.call("getBuild", "nothing-1-1"));
  }

  @Test
  void faultsBecomeKojiFaultsThatReadWellAsAReason() {
    KojiFault unknownTag = assertThrows(KojiFault.class, () -> hub.call("listTaggedRPMS", "f99"));
    assertEquals(1000, unknownTag.code());
    assertEquals("GenericError", unknownTag.className());
    assertEquals(
        "Koji call listTaggedRPMS failed: GenericError: No such tagInfo: 'f99'",
        unknownTag.getMessage());

    KojiFault badArgs = assertThrows(KojiFault.class, () -> hub.call("getLastEvent", 1, 2, 3));
    assertEquals(1019, badArgs.code());
    assertTrue(
        badArgs.getMessage().startsWith("Koji call getLastEvent failed: ParameterError: "),
        badArgs.getMessage());

    KojiFault unknown = assertThrows(KojiFault.class, () -> hub.call("noSuchMethod"));
    assertEquals(
        "Koji call noSuchMethod failed: GenericError: Invalid method: noSuchMethod",
        unknown.getMessage());
  }

  @Test
  void keywordArgumentsTravelAsAStarstarStruct() {
    KojiTestModel koji = server.koji();
    long build = koji.createBuild("foo", "1.0", "1", null);
    koji.addRpm(build, "foo", "1.0", "1", null, "x86_64", "0".repeat(32), 10);
    List<?> rpms =
        assertInstanceOf(
            List.class, hub.call(KojiCall.of("listRPMs").withKeywords(Map.of("buildID", build))));
    assertEquals("foo", ((Map<?, ?>) rpms.get(0)).get("name"));
    assertEquals(rpms, hub.call("listRPMs", build));

    KojiFault unknown =
        assertThrows(
            KojiFault.class,
            () -> hub.call(KojiCall.of("listRPMs").withKeywords(Map.of("buildId", build))));
    assertEquals(
        "Koji call listRPMs failed: ParameterError: listRPMs() got an unexpected keyword argument"
            + " 'buildId'",
        unknown.getMessage());
    KojiFault missing = assertThrows(KojiFault.class, () -> hub.call("getBuild"));
    assertEquals(
        "Koji call getBuild failed: ParameterError: getBuild() missing required argument:"
            + " 'buildInfo'",
        missing.getMessage());
  }

  @Test
  void aTagErrorNamesItsClass() {
    KojiTestModel koji = server.koji();
    long tag = koji.createTag("f40", "x86_64");
    long build = koji.createBuild("foo", "1.0", "1", null);
    RuntimeException refused =
        assertThrows(RuntimeException.class, () -> koji.tagBuild(tag, build));
    assertEquals("Package foo not in list for tag f40", refused.getMessage());
    KojiFault fault = new KojiFault("listTaggedRPMS", 1003, "Package foo not in list for tag f40");
    assertEquals(
        "Koji call listTaggedRPMS failed: TagError: Package foo not in list for tag f40",
        fault.getMessage());
    assertEquals("Koji call x failed: Fault 4711: y", new KojiFault("x", 4711, "y").getMessage());
  }

  @Test
  void multiCallReturnsEachResultOrItsFaultInOrder() {
    server.koji().createTag("f40", "x86_64 i686");
    List<KojiCallResult> results =
        hub.multiCall(
            List.of(
                KojiCall.of("getTag", "f40"),
                KojiCall.of("queryRPMSigs", "nothing-1-1.x86_64"),
                KojiCall.of("getTag", "missing"),
                KojiCall.of("getLastEvent")));
    assertEquals(4, results.size());
    assertEquals("f40", ((Map<?, ?>) results.get(0).value()).get("name"));
    assertTrue(results.get(1).failed());
    assertEquals(
        "Koji call queryRPMSigs failed: GenericError: No such rpm: 'nothing-1-1.x86_64'",
        results.get(1).fault().getMessage());
    assertThrows(KojiFault.class, () -> results.get(1).value());
    assertFalse(results.get(2).failed());
    assertNull(results.get(2).value()); // [nil] is a success whose result is nil
    assertInstanceOf(Map.class, results.get(3).value());
    assertEquals(1, server.requests().size());
    assertEquals("multiCall", server.requests().get(0).method());
  }

  @Test
  void multiCallIsBatched() {
    List<KojiCall> calls = new ArrayList<>();
    for (int i = 0; i < 1_200; i++) {
      calls.add(KojiCall.of("queryRPMSigs", (long) i));
    }
    List<KojiCallResult> results = hub.multiCall(calls);
    assertEquals(1_200, results.size());
    assertTrue(results.stream().noneMatch(KojiCallResult::failed));
    assertEquals(List.of(500, 500, 200), server.requests().stream().map(r -> r.calls()).toList());
    assertEquals(3, server.calls("multiCall"));
    assertEquals(1_200, server.calls("queryRPMSigs"));

    server.clearRequests();
    new KojiHub(fast(KojiHubSettings.of(server.url())).withMulticallBatchSize(100))
        .multiCall(calls.subList(0, 250));
    assertEquals(List.of(100, 100, 50), server.requests().stream().map(r -> r.calls()).toList());
  }

  @Test
  void serverErrorsAreRetriedWithALogLineEach() {
    server.failNext(2, 503);
    Map<?, ?> event = assertInstanceOf(Map.class, hub.call("getLastEvent"));
    assertInstanceOf(Long.class, event.get("id"));
    assertEquals(
        List.of("(failed)", "(failed)", "getLastEvent"),
        server.requests().stream().map(KojiProtocolTestHub.Request::method).toList());
    assertEquals(2, logged.size());
    assertTrue(logged.get(0).getMessage().contains("Koji call {0} to {5} failed"));
    assertEquals("getLastEvent", logged.get(0).getParameters()[0]);
    assertEquals("HTTP 503", logged.get(0).getParameters()[1]);
    assertEquals(server.url(), logged.get(0).getParameters()[5]);
  }

  @Test
  void droppedConnectionsAreRetried() {
    server.dropNext(2);
    assertInstanceOf(Map.class, hub.call("getLastEvent"));
    assertEquals(3, server.requests().size());
    assertEquals(2, logged.size());
  }

  @Test
  void exhaustedRetriesFailWithTheLastCause() {
    server.failNext(10, 502);
    KojiHubUnreachable e = assertThrows(KojiHubUnreachable.class, () -> hub.call("getLastEvent"));
    assertEquals(
        "Koji hub " + server.url() + " unreachable after 3 attempts: HTTP 502 (call getLastEvent)",
        e.getMessage());
    assertEquals(3, e.attempts());
    assertEquals(3, server.requests().size());
  }

  @Test
  void clientErrorsAreNotRetried() {
    server.failNext(10, 413);
    KojiException e = assertThrows(KojiException.class, () -> hub.call("getLastEvent"));
    assertEquals("Koji call getLastEvent failed: HTTP 413 from " + server.url(), e.getMessage());
    assertEquals(1, server.requests().size());
  }

  @Test
  void anUnreachableHubFailsAfterItsAttempts() {
    var url = server.url();
    server.close();
    KojiException e =
        assertThrows(
            KojiHubUnreachable.class,
            () -> new KojiHub(fast(KojiHubSettings.of(url))).call("getLastEvent"));
    // a reason an operator can act on: which hub, how often tried, why it failed, which call
    assertEquals(
        "Koji hub " + url + " unreachable after 3 attempts: connection refused (call getLastEvent)",
        e.getMessage());
    assertEquals(2, logged.size());
  }

  @Test
  void aSlowHubTimesOut() {
    server.delayAnswers(Duration.ofSeconds(20));
    KojiHub impatient =
        new KojiHub(
            KojiHubSettings.of(server.url())
                .withRetries(2, Duration.ofMillis(10))
                .withTimeouts(Duration.ofSeconds(2), Duration.ofMillis(300)));
    long start = System.nanoTime();
    KojiException e = assertThrows(KojiException.class, () -> impatient.call("getLastEvent"));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(
        "Koji hub "
            + server.url()
            + " unreachable after 2 attempts: no answer within PT0.3S (call getLastEvent)",
        e.getMessage());
    assertTrue(millis < 10_000, "gave up after " + millis + " ms");
  }
}
