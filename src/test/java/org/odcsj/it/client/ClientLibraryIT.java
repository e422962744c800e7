package org.odcsj.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.client.Compose;
import org.odcsj.client.ComposeEvents;
import org.odcsj.client.ComposeQuery;
import org.odcsj.client.ComposeRequest;
import org.odcsj.client.ComposeState;
import org.odcsj.client.ComposeWaitTimeout;
import org.odcsj.client.OdcsClient;
import org.odcsj.client.OdcsException;
import org.odcsj.client.Page;
import org.odcsj.client.SourceType;
import org.odcsj.client.WaitListener;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/** The Java client library against the deployed WAR: every operation, waiting, paging, errors. */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ClientLibraryIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(90);
  private static OdcsClient odcs;

  @BeforeAll
  static void client() {
    odcs = OdcsClient.builder(OdcsServer.get().baseUrl()).build();
  }

  /** Hears everything a wait reports. */
  static final class Recorder implements WaitListener {
    final List<ComposeState> states = new CopyOnWriteArrayList<>();
    final List<Compose> polls = new CopyOnWriteArrayList<>();
    final List<String> lines = new CopyOnWriteArrayList<>();

    @Override
    public void stateChanged(Compose compose) {
      states.add(compose.state());
    }

    @Override
    public void polled(Compose compose) {
      polls.add(compose);
    }

    @Override
    public void logLine(String line) {
      lines.add(line);
    }

    @Override
    public boolean followsLog() {
      return true;
    }

    boolean sawProgress() {
      return polls.stream()
          .anyMatch(c -> c.state() == ComposeState.GENERATING && c.progress() != null);
    }
  }

  @Test
  void waitForReportsStatesProgressAndLogLinesOfAGeneratingCompose() throws Exception {
    try (HeldRepo repo = HeldRepo.create()) {
      Compose submitted =
          odcs.submit(
              ComposeRequest.repo(repo.url())
                  .arches("x86_64")
                  .flags("no_reuse")
                  .secondsToLive(3600L)
                  .build());
      assertEquals(ComposeState.WAIT, submitted.state());
      assertEquals(SourceType.REPO, submitted.sourceType());
      assertEquals(List.of("x86_64"), submitted.arches());
      assertEquals(List.of("no_reuse"), submitted.flags());
      assertNotNull(submitted.timeSubmitted());

      Recorder recorder = new Recorder();
      CompletableFuture<Compose> waiting =
          CompletableFuture.supplyAsync(() -> odcs.waitFor(submitted.id(), TIMEOUT, recorder));
      assertTrue(repo.downloads.awaitRequest(TIMEOUT), "the compose downloads its packages");
      Instant deadline = Instant.now().plus(TIMEOUT);
      while (!(recorder.sawProgress()
              && recorder.lines.stream().anyMatch(l -> l.contains("Read 2 packages from")))
          && Instant.now().isBefore(deadline)) {
        Thread.sleep(100);
      }
      assertTrue(recorder.sawProgress(), () -> "progress while generating: " + recorder.polls);
      Compose generating =
          recorder.polls.stream().filter(c -> c.progress() != null).findFirst().orElseThrow();
      assertFalse(generating.progress().phase().isBlank());
      assertTrue(generating.progress().percent() >= 0 && generating.progress().percent() < 100);
      assertTrue(
          recorder.lines.stream().anyMatch(l -> l.contains("Read 2 packages from")),
          () -> "log lines so far: " + recorder.lines);
      assertFalse(waiting.isDone(), "still waiting while the downloads are held");

      repo.downloads.open();
      Compose done = waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertEquals(ComposeState.DONE, done.state(), done::toString);
      assertEquals(ComposeState.GENERATING, recorder.states.get(recorder.states.size() - 2));
      assertEquals(ComposeState.DONE, recorder.states.get(recorder.states.size() - 1));
      assertTrue(
          recorder.lines.stream().anyMatch(l -> l.contains("published with 2 packages")),
          () -> "the whole log: " + recorder.lines);
      assertEquals(
          1, recorder.lines.stream().filter(l -> l.contains("Read 2 packages from")).count());
      assertEquals(
          OdcsServer.get().baseUrl() + "/composes/odcs-" + done.id() + "/compose/Temporary",
          done.resultRepo().toString());
      assertNotNull(done.timeDone());

      // Renewing a done compose extends it in place.
      Compose renewed = odcs.renew(done.id(), 7200L);
      assertEquals(done.id(), renewed.id());
      assertTrue(renewed.timeToExpire().isAfter(done.timeToExpire()));
    }
  }

  @Test
  void waitForEndsAtTheTimeoutWithTheLastStateSeen() throws Exception {
    try (HeldRepo repo = HeldRepo.create()) {
      long id = odcs.submit(ComposeRequest.repo(repo.url()).build()).id();
      assertTrue(repo.downloads.awaitRequest(TIMEOUT));
      ComposeWaitTimeout timeout =
          assertThrows(
              ComposeWaitTimeout.class,
              () -> odcs.waitFor(id, Duration.ofSeconds(2), WaitListener.NONE));
      assertEquals(ComposeState.GENERATING, timeout.last().state());
      assertEquals(
          "Retrieving ODCS compose " + id + " timed out after 2 seconds", timeout.getMessage());

      // Cancelling it: DELETE answers a message, the compose ends failed.
      String message = odcs.delete(id);
      assertFalse(message.isBlank());
      repo.downloads.open();
      Compose cancelled = odcs.waitFor(id, TIMEOUT, WaitListener.NONE);
      assertEquals(ComposeState.FAILED, cancelled.state(), cancelled::toString);
    }
  }

  @Test
  void waitForWithoutPollingListensToTheStateChangedTopic() throws Exception {
    var broker = TestEnvironment.current().broker();
    try (HeldRepo repo = HeldRepo.create()) {
      long id = odcs.submit(ComposeRequest.repo(repo.url()).flags("no_reuse").build()).id();
      try (ComposeEvents events =
          ComposeEvents.subscribe(
              new JmsConnectionFactory("amqp://127.0.0.1:" + broker.port()),
              TestEnvironment.BROKER_USER,
              TestEnvironment.BROKER_PASSWORD,
              ComposeEvents.DEFAULT_TOPIC,
              List.of(id),
              List.of())) {
        Recorder recorder = new Recorder();
        CompletableFuture<Compose> waiting =
            CompletableFuture.supplyAsync(() -> odcs.waitFor(id, TIMEOUT, recorder, events));
        assertTrue(repo.downloads.awaitRequest(TIMEOUT));
        repo.downloads.open();
        Compose done = waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertEquals(ComposeState.DONE, done.state());
        assertEquals(ComposeState.DONE, recorder.states.get(recorder.states.size() - 1));
        // One GET at the start; every later sight of the compose came as a message.
        assertEquals(recorder.states.size(), recorder.polls.size());
      }
    }
  }

  @Test
  void listAllPagesLazilyOverMoreThanTwoPages() throws Exception {
    String label = "paging-" + UUID.randomUUID().toString().substring(0, 8);
    String missing = TestEnvironment.current().itDir().resolve("repos/missing-" + label).toString();
    List<Long> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(odcs.submit(ComposeRequest.repo(missing).label(label).build()).id());
    }
    ComposeQuery query = ComposeQuery.all().label(label).perPage(2).orderBy("id");
    Page first = odcs.list(query);
    assertEquals(3, first.pages());
    assertEquals(5, first.total());
    assertEquals(ids.subList(0, 2), first.items().stream().map(Compose::id).toList());
    assertEquals(ids, odcs.listAll(query).map(Compose::id).toList());
    assertEquals(ids.subList(0, 3), odcs.listAll(query).limit(3).map(Compose::id).toList());
    assertEquals(
        List.of(),
        odcs.listAll(ComposeQuery.all().label(label).sourceType(SourceType.TAG)).toList());
    List<Long> newestFirst = new java.util.ArrayList<>(ids);
    java.util.Collections.reverse(newestFirst);
    assertEquals(
        newestFirst,
        odcs.listAll(ComposeQuery.all().label(label).perPage(2)).map(Compose::id).toList());
    for (long id : ids) {
      assertEquals(ComposeState.FAILED, odcs.waitFor(id, TIMEOUT, WaitListener.NONE).state());
    }
    assertEquals(
        5,
        odcs.listAll(ComposeQuery.all().label(label).state(ComposeState.FAILED).perPage(2))
            .count());
  }

  @Test
  void errorEnvelopeBecomesATypedException() {
    OdcsException notFound = assertThrows(OdcsException.class, () -> odcs.get(999_999_999L));
    assertEquals(404, notFound.status());
    assertEquals("No such compose found.", notFound.getMessage());
    assertEquals("Not Found", notFound.error());

    OdcsException badFlag =
        assertThrows(
            OdcsException.class,
            () -> odcs.submit(ComposeRequest.repo("/nowhere").flags("foo").build()));
    assertEquals(400, badFlag.status());
    assertTrue(badFlag.getMessage().contains("foo"), badFlag.getMessage());
  }

  @Test
  void aboutAndMetrics() {
    assertEquals("noauth", odcs.about().getString("auth_backend"));
    assertTrue(odcs.metrics().contains("# HELP composes_total Total number of composes"));
  }
}
