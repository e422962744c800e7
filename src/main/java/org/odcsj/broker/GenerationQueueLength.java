package org.odcsj.broker;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.Enumeration;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.odcsj.config.OdcsConfig;

/**
 * How many generation requests wait in the broker queue, not yet delivered to any instance: the
 * queue is browsed (JMS {@link QueueBrowser}), which never consumes. Like the health check, this
 * uses a direct client with short timeouts rather than the resource adapter's pool, whose calls
 * block for tens of seconds while the broker is down; then the last known length is kept.
 */
@ApplicationScoped
public class GenerationQueueLength {

  private static final Logger LOG = Logger.getLogger(GenerationQueueLength.class.getName());

  @Inject OdcsConfig config;

  @Inject
  @ConfigProperty(name = "odcs.broker.user", defaultValue = "")
  String user;

  @Inject
  @ConfigProperty(name = "odcs.broker.password", defaultValue = "")
  String password;

  private volatile long last;

  /** The queue's name ({@code odcs.generation.queue}). */
  public String queueName() {
    return config.generationQueue();
  }

  /** Messages waiting in the queue now, or the last known count when the broker cannot tell. */
  public long waiting() {
    Map<String, String> params = config.brokerParameters();
    String url =
        "tcp://"
            + params.getOrDefault("host", "127.0.0.1")
            + ":"
            + params.getOrDefault("port", "61616")
            + "?initialConnectAttempts=1&callTimeout=3000&connectionTTL=5000";
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        Connection connection = factory.createConnection(user, password);
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        QueueBrowser browser = session.createBrowser(session.createQueue(queueName()))) {
      connection.start();
      long count = 0;
      for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); e.nextElement()) {
        count++;
      }
      last = count;
    } catch (JMSException | RuntimeException e) {
      LOG.fine(() -> "Cannot browse " + queueName() + "; keeping " + last + ": " + e);
    }
    return last;
  }
}
