package org.odcsj.it.api;

import jakarta.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.infra.LocalBroker;

/**
 * What the main server published on its state-changed topic since {@link #subscribe}: a
 * subscription queue on the real broker, read as a subscriber would.
 */
final class StateMessages implements AutoCloseable {

  private static final String TOPIC = "odcs.compose.state-changed";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final LocalBroker broker;
  private final String queue;
  private final List<JsonObject> received = new ArrayList<>();

  private StateMessages(LocalBroker broker, String queue) {
    this.broker = broker;
    this.queue = queue;
  }

  static StateMessages subscribe() throws Exception {
    LocalBroker broker = TestEnvironment.current().broker();
    String queue = "it-state-messages-" + Api.unique();
    broker.subscribe(TOPIC, queue);
    return new StateMessages(broker, queue);
  }

  /**
   * The states of the compose's messages so far, in order, once one in state {@code last} arrived.
   */
  List<String> states(long composeId, String last) {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (true) {
      List<String> states = of(composeId).stream().map(c -> c.getString("state_name")).toList();
      if (states.contains(last)) {
        return states;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError(
            "No '" + last + "' message for compose " + composeId + "; got " + states);
      }
      drain(500);
    }
  }

  /** The compose JSON of the compose's latest message so far. */
  JsonObject last(long composeId) {
    List<JsonObject> mine = of(composeId);
    if (mine.isEmpty()) {
      throw new AssertionError("No message for compose " + composeId);
    }
    return mine.get(mine.size() - 1);
  }

  private List<JsonObject> of(long composeId) {
    drain(100);
    return received.stream().filter(c -> c.getJsonNumber("id").longValue() == composeId).toList();
  }

  private void drain(long waitMs) {
    for (String body : broker.drainTexts(TOPIC, queue, waitMs)) {
      JsonObject message = Api.parse(body);
      if (!"state-changed".equals(message.getString("event"))) {
        throw new AssertionError("Unexpected event: " + body);
      }
      received.add(message.getJsonObject("compose"));
    }
  }

  @Override
  public void close() throws Exception {
    broker.server().destroyQueue(SimpleString.of(queue));
  }
}
