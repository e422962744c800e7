package org.odcsj.generation;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.odcsj.compose.ComposeQueued;

/**
 * Sends the generation request of a compose to the Artemis queue. The observer runs inside the
 * submitting transaction, and the connection factory is XA through the resource adapter, so the
 * message is delivered if and only if the compose row commits.
 */
@ApplicationScoped
public class GenerationQueue {

  /** The default name of the Artemis queue the generation MDB consumes. */
  public static final String DEFAULT_QUEUE = "odcs.compose.generate";

  /** JMS property carrying the compose id. */
  public static final String COMPOSE_ID = "compose_id";

  @Resource(lookup = GenerationRequestListener.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Inject
  @ConfigProperty(name = "odcs.generation.queue", defaultValue = DEFAULT_QUEUE)
  String queue;

  void enqueue(@Observes ComposeQueued queued) {
    try (JMSContext context = connectionFactory.createContext()) {
      send(context, queued.composeId());
    }
  }

  /** Sends the generation request of compose {@code composeId} through {@code context}. */
  void send(JMSContext context, long composeId) {
    context
        .createProducer()
        .setProperty(COMPOSE_ID, composeId)
        .send(context.createQueue(queue), Long.toString(composeId));
  }
}
