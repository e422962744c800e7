package org.odcsj.generation;

import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSContext;
import java.util.List;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeState;
import org.odcsj.compose.UndispatchedComposes;
import org.odcsj.messaging.StateChangePublisher;

/**
 * One dispatch of the outbox: takes a batch of undispatched composes (row locks, marked in this
 * transaction), sends each one's first state-changed message and its generation request, then
 * commits the marks. The sends go through a connection factory outside the JTA transaction, so the
 * transaction is the database's alone: nothing is left prepared-but-undecided by an instance killed
 * mid-commit (its row locks would hold the batch until that instance came back). A crash between
 * the sends and the commit sends the batch again from another instance: a duplicate generation
 * request is ignored by the claim, and subscribers may see that {@code wait} message twice.
 */
@JMSConnectionFactoryDefinition(
    name = OutboxDispatch.DIRECT_CONNECTION_FACTORY,
    resourceAdapter = "artemis-rar",
    interfaceName = "jakarta.jms.ConnectionFactory",
    user = "${MPCONFIG=odcs.broker.user}",
    password = "${MPCONFIG=odcs.broker.password}",
    transactional = false,
    minPoolSize = 0,
    maxPoolSize = 4,
    // As GenerationRequestListener's factory: fail fast while the broker is down.
    properties = {
      "ConnectorClassName=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory",
      "ConnectionParameters=${MPCONFIG=odcs.broker.url}",
      "CallTimeout=5000",
      "RetryInterval=100",
      "RetryIntervalMultiplier=2.0",
      "ReconnectAttempts=-1",
      "InitialConnectAttempts=1"
    })
@Stateless
public class OutboxDispatch {

  static final String DIRECT_CONNECTION_FACTORY = "java:app/jms/odcs-direct";

  @Resource(lookup = DIRECT_CONNECTION_FACTORY)
  ConnectionFactory direct;

  @Inject UndispatchedComposes outbox;
  @Inject GenerationQueue queue;
  @Inject StateChangePublisher stateChanges;

  /** Dispatches up to {@code max} composes; returns how many were taken from the outbox. */
  @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
  public int dispatch(int max) {
    List<Compose> batch = outbox.takeBatch(max);
    List<Compose> waiting = batch.stream().filter(c -> c.state() == ComposeState.WAIT).toList();
    if (!waiting.isEmpty()) {
      try (JMSContext context = direct.createContext()) {
        for (Compose compose : waiting) {
          stateChanges.send(context, compose);
          queue.send(context, compose.getId());
        }
      }
    }
    return batch.size();
  }
}
