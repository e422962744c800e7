package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Real subscribers of the state-changed topic — a JMS client over Artemis CORE and a Qpid JMS
 * client over AMQP 1.0 — see every transition of a compose, in order, with the compose JSON the API
 * returns and the selector properties.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class StateChangeMessagesIT {

  private static final String TOPIC = "odcs.compose.state-changed";
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final List<JMSContext> contexts = new ArrayList<>();
  private OdcsApi api;
  private JMSConsumer core;
  private JMSConsumer amqp;

  @BeforeEach
  void subscribe() {
    api = new OdcsApi(OdcsServer.get().baseUrl());
    var broker = TestEnvironment.current().broker();
    core = subscriber(new ActiveMQConnectionFactory(broker.url()));
    amqp = subscriber(new JmsConnectionFactory("amqp://127.0.0.1:" + broker.port()));
  }

  private JMSConsumer subscriber(ConnectionFactory factory) {
    JMSContext context =
        factory.createContext(TestEnvironment.BROKER_USER, TestEnvironment.BROKER_PASSWORD);
    contexts.add(context);
    return context.createConsumer(context.createTopic(TOPIC));
  }

  @AfterEach
  void close() {
    contexts.forEach(JMSContext::close);
  }

  @Test
  void everyTransitionOfACompose_inOrder_onCoreAndAmqp() throws Exception {
    JsonObject created =
        api.submit("{\"source\": {\"type\": \"repo\", \"source\": \"" + HelloRepo.path() + "\"}}");
    long id = created.getJsonNumber("id").longValue();
    JsonObject done = api.awaitState(id, TIMEOUT, "done", "failed");
    for (JMSConsumer consumer : List.of(core, amqp)) {
      List<Message> messages = messagesOf(consumer, id, "done");
      assertEquals(
          List.of("wait", "generating", "done"),
          messages.stream().map(StateChangeMessagesIT::stateName).toList());
      for (Message m : messages) {
        assertEquals(id, m.getLongProperty("compose_id"));
        JsonObject body = body(m);
        assertEquals("state-changed", body.getString("event"));
        assertEquals(stateName(m), body.getJsonObject("compose").getString("state_name"));
      }
      assertEquals(
          created.getString("time_submitted"),
          body(messages.get(0)).getJsonObject("compose").getString("time_submitted"));
      assertEquals(done, body(messages.get(2)).getJsonObject("compose"), "done message = GET");
    }
  }

  @Test
  void failedComposeEmitsFailedWithItsReason() throws Exception {
    String missing =
        TestEnvironment.current().itDir().resolve("repos/missing-for-messages").toString();
    long id =
        api.submit("{\"source\": {\"type\": \"repo\", \"source\": \"" + missing + "\"}}")
            .getJsonNumber("id")
            .longValue();
    List<Message> messages = messagesOf(core, id, "failed");
    assertEquals(
        List.of("wait", "generating", "failed"),
        messages.stream().map(StateChangeMessagesIT::stateName).toList());
    JsonObject failed = body(messages.get(2)).getJsonObject("compose");
    assertEquals(
        "Error while generating compose: source repository " + missing + " does not exist",
        failed.getString("state_reason"));
  }

  /** This compose's messages, up to and including the one in state {@code last}. */
  private static List<Message> messagesOf(JMSConsumer consumer, long id, String last)
      throws Exception {
    List<Message> mine = new ArrayList<>();
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Message m = consumer.receive(1000);
      if (m == null || m.getLongProperty("compose_id") != id) {
        continue;
      }
      mine.add(m);
      if (stateName(m).equals(last)) {
        return mine;
      }
    }
    throw new AssertionError(
        "No '" + last + "' message for compose " + id + "; got " + mine.size());
  }

  private static String stateName(Message m) {
    try {
      return m.getStringProperty("state_name");
    } catch (jakarta.jms.JMSException e) {
      throw new AssertionError(e);
    }
  }

  private static JsonObject body(Message m) throws Exception {
    assertTrue(m instanceof TextMessage, "a text message");
    try (var reader = Json.createReader(new StringReader(((TextMessage) m).getText()))) {
      return reader.readObject();
    }
  }
}
