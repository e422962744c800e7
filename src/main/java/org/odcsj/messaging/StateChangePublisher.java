package org.odcsj.messaging;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.json.stream.JsonGenerator;
import java.io.StringWriter;
import org.odcsj.api.ComposeJson;
import org.odcsj.api.Jsonp;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeStateChanged;
import org.odcsj.config.OdcsConfig;

/**
 * Publishes {@code {"event": "state-changed", "compose": <compose JSON>}} on the state-changed
 * topic for every created compose and every state change, with the JMS properties {@code
 * compose_id} and {@code state_name} for selectors. The observer runs inside the transaction of the
 * change, so a rolled-back change publishes nothing and a committed one is never lost.
 */
@ApplicationScoped
public class StateChangePublisher {

  /** JMS property: the compose id (long). */
  public static final String COMPOSE_ID = "compose_id";

  /** JMS property: the new state's name. */
  public static final String STATE_NAME = "state_name";

  @Resource(lookup = "java:app/jms/odcs")
  ConnectionFactory connectionFactory;

  @Inject ComposeJson json;
  @Inject OdcsConfig config;

  void publish(@Observes ComposeStateChanged change) {
    try (JMSContext context = connectionFactory.createContext()) {
      send(context, change.compose());
    }
  }

  /** Publishes the state of {@code compose} through {@code context} (its transaction, if any). */
  public void send(JMSContext context, Compose compose) {
    StringWriter body = new StringWriter();
    try (JsonGenerator g = Jsonp.GENERATORS.createGenerator(body)) {
      g.writeStartObject();
      g.writeKey("compose");
      json.write(g, compose, ComposeJson.Form.DETAIL);
      g.write("event", "state-changed");
      g.writeEnd();
    }
    context
        .createProducer()
        .setProperty(COMPOSE_ID, compose.getId())
        .setProperty(STATE_NAME, compose.state().wireName())
        .send(context.createTopic(config.stateChangedTopic()), body.toString());
  }
}
