package org.odcsj.it.infra;

import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;

/**
 * A real Apache Artemis broker inside the test JVM: one acceptor {@code tcp://127.0.0.1:<port>}
 * (CORE + AMQP), login required with one user, no persistence, and the redelivery policy of the
 * production broker ({@code #}: 3 attempts, 500 ms apart, then dead-letter address {@code DLQ}).
 */
public final class LocalBroker implements AutoCloseable {
  public static final String DLQ = "DLQ";
  private static final String ROLE = "odcs";

  /**
   * Strong reference: JUL keeps loggers weakly, a level set on a collected logger is lost. Audit
   * logging would call {@code Subject.getSubject}, which throws on JDK 24+ (platform notes §2).
   */
  private static final Logger AUDIT = Logger.getLogger("org.apache.activemq.audit");

  private EmbeddedActiveMQ embedded;
  private final ActiveMQConnectionFactory clientFactory;
  private final int port;
  private final Path dir;

  private LocalBroker(EmbeddedActiveMQ embedded, int port, Path dir, String user, String password) {
    this.embedded = embedded;
    this.port = port;
    this.dir = dir;
    this.clientFactory = new ActiveMQConnectionFactory(url(), user, password);
  }

  /** Starts the broker; journal/paging dirs (used only if paging kicks in) go to workDir. */
  public static LocalBroker start(Path workDir, int port, String user, String password)
      throws Exception {
    return start(workDir, port, user, password, false);
  }

  /**
   * A broker with a persistent journal under workDir, as a production broker has: {@link #pause()}
   * and {@link #resume()} stop and start it for real on the same port, and durable messages sent
   * before the stop are delivered after it.
   */
  public static LocalBroker startPersistent(Path workDir, int port, String user, String password)
      throws Exception {
    return start(workDir, port, user, password, true);
  }

  private static LocalBroker start(
      Path workDir, int port, String user, String password, boolean persistent) throws Exception {
    Path dir = Files.createDirectories(workDir.toAbsolutePath().resolve("broker-" + port));
    ConfigurationImpl config = new ConfigurationImpl();
    config
        .setName("it-broker-" + port)
        .setPersistenceEnabled(persistent)
        .setJMXManagementEnabled(false)
        .setSecurityEnabled(true)
        .setJournalDirectory(dir.resolve("journal").toString())
        .setBindingsDirectory(dir.resolve("bindings").toString())
        .setPagingDirectory(dir.resolve("paging").toString())
        .setLargeMessagesDirectory(dir.resolve("large").toString());
    config.setNodeManagerLockDirectory(dir.toString());
    config.addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + port + "?protocols=CORE,AMQP");
    config.addAddressSetting(
        "#",
        new AddressSettings()
            .setMaxDeliveryAttempts(3)
            .setRedeliveryDelay(500)
            .setDeadLetterAddress(SimpleString.of(DLQ))
            .setAutoCreateQueues(true)
            .setAutoCreateAddresses(true));
    config.addQueueConfiguration(QueueConfiguration.of(DLQ).setRoutingType(RoutingType.ANYCAST));
    // The one role may do everything (send, consume, create/delete queues and addresses, manage).
    boolean t = true;
    config.putSecurityRoles("#", Set.of(new Role(ROLE, t, t, t, t, t, t, t, t, t, t, t, t)));

    // In-memory users for the JAAS "InVM" login module: no login.config/properties files.
    SecurityConfiguration users = new SecurityConfiguration();
    users.addUser(user, password);
    users.addRole(user, ROLE);
    AUDIT.setLevel(Level.OFF);
    LocalBroker broker = new LocalBroker(embedded(config, users), port, dir, user, password);
    try {
      broker.embedded.start();
      broker.checkStarted();
    } catch (Exception | Error e) {
      broker.stop();
      throw e;
    }
    return broker;
  }

  private static EmbeddedActiveMQ embedded(
      org.apache.activemq.artemis.core.config.Configuration config, SecurityConfiguration users) {
    EmbeddedActiveMQ embedded = new EmbeddedActiveMQ();
    embedded.setConfiguration(config);
    embedded.setSecurityManager(
        new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users));
    return embedded;
  }

  /**
   * Stops the broker as an outage would (its clients see their connections closed, new ones
   * refused) but keeps its journal; {@link #resume()} starts it again on the same port.
   */
  public synchronized void pause() throws Exception {
    embedded.stop();
  }

  /** Starts a paused broker again with the same configuration, journal and users. */
  public synchronized void resume() throws Exception {
    ActiveMQServer old = embedded.getActiveMQServer();
    embedded = embedded(old.getConfiguration(), securityOf(old).getConfiguration());
    embedded.start();
    checkStarted();
  }

  private static ActiveMQJAASSecurityManager securityOf(ActiveMQServer server) {
    return (ActiveMQJAASSecurityManager) server.getSecurityManager();
  }

  /**
   * {@code EmbeddedActiveMQ.start()} can return normally although the server failed (only logged,
   * and there is no SLF4J backend on the test classpath) - so check explicitly: with a taken port
   * our clients would silently talk to whatever broker owns it.
   */
  private void checkStarted() {
    ActiveMQServer server = embedded.getActiveMQServer();
    if (server == null || !server.isActive()) {
      // What a taken port looks like with Artemis 2.40: start() returns, server not active.
      throw new IllegalStateException(
          "Artemis on 127.0.0.1:" + port + " did not become active (port in use?)");
    }
    Acceptor acceptor = server.getRemotingService().getAcceptor("tcp");
    if (acceptor == null || !acceptor.isStarted()) {
      throw new IllegalStateException(
          "Artemis acceptor tcp://127.0.0.1:" + port + " not started (port in use?)");
    }
    if (!server.getRemotingService().getProtocolFactoryMap().containsKey("AMQP")) {
      throw new IllegalStateException("AMQP protocol missing (artemis-amqp-protocol jar?)");
    }
  }

  /** {@code tcp://127.0.0.1:<port>} for CORE/JMS clients. */
  public String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** The {@code host=...;port=...} string of the resource adapter's ConnectionParameters. */
  public String connectionParameters() {
    return "host=127.0.0.1;port=" + port;
  }

  public int port() {
    return port;
  }

  public ActiveMQServer server() {
    return embedded.getActiveMQServer();
  }

  /** Messages in the queue (incl. ones being delivered, scheduled for redelivery); 0 if none. */
  public long messageCount(String queueName) {
    Queue q = server().locateQueue(SimpleString.of(queueName));
    return q == null ? 0 : q.getMessageCount();
  }

  /** Messages ever routed to the queue (survives consumption); 0 if the queue does not exist. */
  public long messagesAdded(String queueName) {
    Queue q = server().locateQueue(SimpleString.of(queueName));
    return q == null ? 0 : q.getMessagesAdded();
  }

  /** Messages ever acknowledged by a consumer of the queue; 0 if the queue does not exist. */
  public long messagesAcknowledged(String queueName) {
    Queue q = server().locateQueue(SimpleString.of(queueName));
    return q == null ? 0 : q.getMessagesAcknowledged();
  }

  /**
   * A subscription queue on a multicast address (a topic), so a test can count and read what was
   * published there even while no consumer is connected.
   */
  public void subscribe(String address, String queueName) throws Exception {
    server()
        .createQueue(
            QueueConfiguration.of(queueName)
                .setAddress(address)
                .setRoutingType(RoutingType.MULTICAST)
                .setDurable(false),
            true);
  }

  /** The bodies of all text messages in a queue (consuming them), waiting up to waitMs each. */
  public java.util.List<String> drainTexts(String address, String queueName, long waitMs) {
    java.util.List<String> bodies = new java.util.ArrayList<>();
    try (JMSContext ctx = clientFactory.createContext()) {
      var consumer = ctx.createConsumer(ctx.createQueue(address + "::" + queueName));
      for (jakarta.jms.Message m = consumer.receive(waitMs);
          m != null;
          m = consumer.receive(waitMs)) {
        bodies.add(m.getBody(String.class));
      }
    } catch (jakarta.jms.JMSException e) {
      throw new IllegalStateException(e);
    }
    return bodies;
  }

  /** Sends a persistent text message (a blocking send) as the configured user. */
  public void sendText(String queue, String body, Map<String, Object> props) {
    try (JMSContext ctx = clientFactory.createContext()) {
      JMSProducer producer = ctx.createProducer();
      props.forEach(producer::setProperty);
      producer.send(ctx.createQueue(queue), body);
    }
  }

  public void stop() throws Exception {
    clientFactory.close();
    embedded.stop();
    PostgresBinaries.deleteTree(dir); // only empty dirs or a paging leftover (no persistence)
  }

  @Override
  public void close() throws Exception {
    stop();
  }
}
