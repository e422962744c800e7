package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.io.File;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.compose.ComposeLifecycle;
import org.odcsj.compose.ComposeQueries;
import org.odcsj.compose.NewCompose;
import org.odcsj.compose.SourceType;
import org.odcsj.generation.GenerationQueue;

/**
 * A rolled-back submission sends nothing; a committed one gets its generation message and its
 * state-changed message (sent after the commit from the outbox, by the transaction that marks the
 * row dispatched). Runs inside the container for the transaction; the broker's own counters, read
 * from the test JVM, show what was really sent.
 */
@ExtendWith({TestEnvironment.class, ArquillianExtension.class})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubmissionTransactionContainerIT {

  private static final String STATE_CHANGED = "odcs.compose.state-changed";
  private static final String SUBSCRIPTION = "it-container-state-changed";
  private static long messagesAddedBefore;

  @Inject ComposeLifecycle lifecycle;
  @Inject ComposeQueries queries;
  @Inject UserTransaction transaction;

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(
            WebArchive.class, new File(System.getProperty("odcs.it.war")))
        .addPackage(SubmissionTransactionContainerIT.class.getPackage())
        .addPackage(org.odcsj.it.infra.LocalBroker.class.getPackage());
  }

  @Test
  @Order(1)
  @RunAsClient
  void recordBrokerCountersBefore() throws Exception {
    var broker = TestEnvironment.current().broker();
    messagesAddedBefore = broker.messagesAdded(GenerationQueue.DEFAULT_QUEUE);
    broker.subscribe(STATE_CHANGED, SUBSCRIPTION);
  }

  @Test
  @Order(2)
  void rolledBackSubmissionLeavesNoRowAndCommittedOneDoes() throws Exception {
    transaction.begin();
    long rolledBack = lifecycle.submit(request("/nonexistent/rolled-back")).getId();
    transaction.rollback();
    assertTrue(queries.find(rolledBack).isEmpty(), "the rolled-back compose row must not exist");

    long committed = lifecycle.submit(request("/nonexistent/committed")).getId();
    assertTrue(queries.find(committed).isPresent());
  }

  @Test
  @Order(3)
  @RunAsClient
  void onlyTheCommittedSubmissionReachedTheBroker() throws Exception {
    var infra = TestEnvironment.current();
    List<String> events = infra.broker().drainTexts(STATE_CHANGED, SUBSCRIPTION, 3000);
    assertTrue(
        events.stream().anyMatch(e -> e.contains("\"/nonexistent/committed\"")),
        "the committed compose's state-changed event was published: " + events);
    assertTrue(
        events.stream().noneMatch(e -> e.contains("/nonexistent/rolled-back")),
        "a rolled-back change publishes nothing: " + events);
    assertEquals(
        messagesAddedBefore + 1,
        infra.broker().messagesAdded(GenerationQueue.DEFAULT_QUEUE),
        "exactly one generation message (the committed one) may have been sent");
    try (Connection db = infra.postgres().connect("odcs_container");
        ResultSet rs =
            db.createStatement()
                .executeQuery("select source from composes where source like '/nonexistent/%'")) {
      assertTrue(rs.next());
      assertEquals("/nonexistent/committed", rs.getString(1));
      assertTrue(!rs.next(), "no row of the rolled-back submission");
    }
  }

  private static NewCompose request(String source) {
    return NewCompose.builder("tester", SourceType.REPO, source).build();
  }
}
