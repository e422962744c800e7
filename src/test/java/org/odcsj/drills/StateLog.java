package org.odcsj.drills;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.odcsj.it.infra.LocalBroker;

/**
 * Every state-changed message published on a topic since {@link #subscribe}, per compose, read from
 * a subscription queue on the real broker as a subscriber would.
 */
public final class StateLog implements AutoCloseable {

  private final LocalBroker broker;
  private final String topic;
  private final String queue;
  private final Map<Long, List<JsonObject>> byCompose = new LinkedHashMap<>();

  private StateLog(LocalBroker broker, String topic, String queue) {
    this.broker = broker;
    this.topic = topic;
    this.queue = queue;
  }

  public static StateLog subscribe(LocalBroker broker, String topic) throws Exception {
    String queue = "drill-" + UUID.randomUUID();
    broker.subscribe(topic, queue);
    return new StateLog(broker, topic, queue);
  }

  /** The states of the compose's messages so far, in order of publication. */
  public synchronized List<String> states(long composeId) {
    drain();
    return byCompose.getOrDefault(composeId, List.of()).stream()
        .map(c -> c.getString("state_name"))
        .toList();
  }

  /** Every compose's states so far. */
  public synchronized Map<Long, List<String>> all() {
    drain();
    Map<Long, List<String>> states = new LinkedHashMap<>();
    byCompose.forEach(
        (id, messages) ->
            states.put(id, messages.stream().map(c -> c.getString("state_name")).toList()));
    return states;
  }

  private void drain() {
    for (String body : broker.drainTexts(topic, queue, 200)) {
      try (var reader = Json.createReader(new StringReader(body))) {
        JsonObject compose = reader.readObject().getJsonObject("compose");
        byCompose
            .computeIfAbsent(compose.getJsonNumber("id").longValue(), id -> new ArrayList<>())
            .add(compose);
      }
    }
  }

  @Override
  public void close() throws Exception {
    broker.server().destroyQueue(SimpleString.of(queue));
  }
}
