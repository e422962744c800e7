package org.odcsj.client;

import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import jakarta.json.JsonObject;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A subscription to the server's state-changed topic through any JMS 3 connection factory (Qpid JMS
 * for AMQP 1.0, the Artemis client for CORE): one {@link Event} per compose state change. Only
 * needs {@code jakarta.jms-api} and a JMS client on the class path when used.
 */
public final class ComposeEvents implements AutoCloseable {

  /** The server's default topic ({@code odcs.messaging-topic}). */
  public static final String DEFAULT_TOPIC = "odcs.compose.state-changed";

  /** A state change: the compose as it is now (the same JSON as the API's). */
  public record Event(String event, Compose compose) {}

  private final JMSContext context;
  private final JMSConsumer consumer;

  private ComposeEvents(JMSContext context, JMSConsumer consumer) {
    this.context = context;
    this.consumer = consumer;
  }

  /**
   * Subscribes to {@code topic}; only events of the given composes and states when those are not
   * empty (a broker-side selector on the messages' {@code compose_id} and {@code state_name}).
   */
  public static ComposeEvents subscribe(
      ConnectionFactory factory,
      String user,
      String password,
      String topic,
      Collection<Long> composeIds,
      Collection<ComposeState> states) {
    JMSContext context =
        user == null ? factory.createContext() : factory.createContext(user, password);
    try {
      String selector = selector(composeIds, states);
      JMSConsumer consumer =
          context.createConsumer(
              context.createTopic(topic == null ? DEFAULT_TOPIC : topic), selector);
      context.start();
      return new ComposeEvents(context, consumer);
    } catch (JMSRuntimeException e) {
      context.close();
      throw e;
    }
  }

  static String selector(Collection<Long> ids, Collection<ComposeState> states) {
    String byId =
        ids == null || ids.isEmpty()
            ? null
            : "("
                + ids.stream().map(id -> "compose_id = " + id).collect(Collectors.joining(" OR "))
                + ")";
    String byState =
        states == null || states.isEmpty()
            ? null
            : "state_name IN ("
                + states.stream()
                    .map(s -> "'" + s.wireName() + "'")
                    .collect(Collectors.joining(", "))
                + ")";
    if (byId != null && byState != null) {
      return byId + " AND " + byState;
    }
    return byId != null ? byId : byState;
  }

  /** The next event, waiting up to {@code timeout}; empty when none came. */
  public Optional<Event> next(Duration timeout) {
    Message m = consumer.receive(Math.max(1, timeout.toMillis()));
    if (m == null) {
      return Optional.empty();
    }
    try {
      String body = m instanceof TextMessage t ? t.getText() : m.getBody(String.class);
      JsonObject payload = (JsonObject) JsonSupport.parse(body);
      return Optional.of(
          new Event(
              payload.getString("event", "state-changed"),
              Compose.of(payload.getJsonObject("compose"))));
    } catch (JMSException e) {
      throw new OdcsException("Unreadable state-changed message: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    context.close();
  }
}
