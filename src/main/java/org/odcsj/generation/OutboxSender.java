package org.odcsj.generation;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.util.List;
import org.odcsj.compose.Compose;
import org.odcsj.messaging.StateChangePublisher;

/**
 * Sends the first state-changed message and the generation request of each compose with no JTA
 * transaction (the caller's is suspended): each send is acknowledged by the broker before the next,
 * and none waits for a commit. A session of the resource adapter inside a transaction it is not
 * enlisted in never delivers its messages.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class OutboxSender {

  @Resource(lookup = GenerationRequestListener.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Inject GenerationQueue queue;
  @Inject StateChangePublisher stateChanges;

  public void send(List<Compose> composes) {
    try (JMSContext context = connectionFactory.createContext()) {
      for (Compose compose : composes) {
        stateChanges.send(context, compose);
        queue.send(context, compose.getId());
      }
    }
  }
}
