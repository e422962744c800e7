package org.odcsj.generation;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.odcsj.compose.ComposeQueued;

/**
 * Sends the generation request of a compose to the Artemis queue. The observer runs inside the
 * submitting transaction, and the connection factory is XA through the resource adapter, so the
 * message is delivered if and only if the compose row commits.
 */
@ApplicationScoped
public class GenerationQueue {

  /** The Artemis queue the generation MDB consumes. */
  public static final String QUEUE = "odcs.compose.generate";

  /** JMS property carrying the compose id. */
  public static final String COMPOSE_ID = "compose_id";

  @Resource(lookup = GenerationRequestListener.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  void enqueue(@Observes ComposeQueued queued) {
    try (JMSContext context = connectionFactory.createContext()) {
      context
          .createProducer()
          .setProperty(COMPOSE_ID, queued.composeId())
          .send(context.createQueue(QUEUE), Long.toString(queued.composeId()));
    }
  }
}
