package org.odcsj.generation;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Consumes generation requests. Thin on purpose: message → {@link ComposeGenerator}. It runs
 * without a container transaction so no JTA timeout can hit a long compose; maxSession bounds how
 * many composes this instance generates at once, and with no message buffered per session a free
 * session takes the next request at once. Both connector class and parameters are set: the resource
 * adapter silently ignores parameters given without the class.
 */
@JMSConnectionFactoryDefinition(
    name = GenerationRequestListener.CONNECTION_FACTORY,
    resourceAdapter = "artemis-rar",
    interfaceName = "jakarta.jms.ConnectionFactory",
    user = "${MPCONFIG=odcs.broker.user}",
    password = "${MPCONFIG=odcs.broker.password}",
    transactional = true,
    minPoolSize = 0,
    maxPoolSize = 20,
    properties = {
      "ConnectorClassName=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory",
      "ConnectionParameters=${MPCONFIG=odcs.broker.url}",
      // Fail fast while the broker is down: a new connection makes one attempt, and a blocking
      // call on a pooled one gives up after 5 s (CallTimeout here, CallFailoverTimeout in ra.xml
      // while it reconnects), so a POST gets its 503 within seconds. Reconnection stays on: a
      // transaction caught between prepare and
      // commit when the broker dies must be able to commit its message once the broker is back.
      "CallTimeout=5000",
      // Failed connection attempts back off from 100 ms (to the client's 2 s maximum) instead of
      // a flat 2 s, which made each refused connection of the pool take 2 s, one after another.
      "RetryInterval=100",
      "RetryIntervalMultiplier=2.0",
      "ReconnectAttempts=-1",
      "InitialConnectAttempts=1"
    })
@MessageDriven(
    activationConfig = {
      @ActivationConfigProperty(propertyName = "resourceAdapter", propertyValue = "artemis-rar"),
      @ActivationConfigProperty(propertyName = "useJNDI", propertyValue = "false"),
      @ActivationConfigProperty(
          propertyName = "destination",
          propertyValue = "${MPCONFIG=odcs.generation.queue}"),
      @ActivationConfigProperty(
          propertyName = "destinationType",
          propertyValue = "jakarta.jms.Queue"),
      @ActivationConfigProperty(propertyName = "setupAttempts", propertyValue = "-1"),
      @ActivationConfigProperty(propertyName = "setupInterval", propertyValue = "2000"),
      @ActivationConfigProperty(
          propertyName = "maxSession",
          propertyValue = "${MPCONFIG=odcs.generation.max-concurrent}"),
      // No client-side buffer: a message waits on the broker until a session is free, never
      // behind a long compose in the buffer of a busy session while another session idles.
      @ActivationConfigProperty(propertyName = "consumerWindowSize", propertyValue = "0"),
      @ActivationConfigProperty(
          propertyName = "connectorClassName",
          propertyValue =
              "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory"),
      @ActivationConfigProperty(
          propertyName = "connectionParameters",
          propertyValue = "${MPCONFIG=odcs.broker.url}"),
      @ActivationConfigProperty(
          propertyName = "user",
          propertyValue = "${MPCONFIG=odcs.broker.user}"),
      @ActivationConfigProperty(
          propertyName = "password",
          propertyValue = "${MPCONFIG=odcs.broker.password}")
    })
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class GenerationRequestListener implements MessageListener {

  static final String CONNECTION_FACTORY = "java:app/jms/odcs";

  private static final Logger LOG = Logger.getLogger(GenerationRequestListener.class.getName());

  @Inject ComposeGenerator generator;

  @Override
  public void onMessage(Message message) {
    long composeId;
    try {
      composeId = message.getLongProperty(GenerationQueue.COMPOSE_ID);
    } catch (JMSException | NumberFormatException e) {
      LOG.log(Level.WARNING, "Dropping a generation message without a compose id", e);
      return;
    }
    generator.generate(composeId);
  }
}
