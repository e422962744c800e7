package org.odcsj.broker;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.odcsj.config.OdcsConfig;

/**
 * Starts an Artemis broker inside the service when {@code odcs.broker.embedded=true}, listening
 * (CORE and AMQP 1.0) on the host and port of {@code odcs.broker.url} — the same address the
 * resource adapter connects to, over TCP (the adapter's class loader cannot use in-VM). The MDB
 * activation retries until the broker is up. A failed start is fatal: a port clash would otherwise
 * send our messages to another process's broker.
 */
@Singleton
@Startup
public class EmbeddedBroker {

  private static final Logger LOG = Logger.getLogger(EmbeddedBroker.class.getName());

  @Inject OdcsConfig config;

  private EmbeddedActiveMQ broker;

  @PostConstruct
  void start() {
    if (!config.brokerEmbedded()) {
      return;
    }
    Map<String, String> params = config.brokerParameters();
    String host = params.getOrDefault("host", "127.0.0.1");
    String port = params.getOrDefault("port", "61616");
    // Audit logging needs Subject.getSubject, which newer JDKs refuse.
    Logger.getLogger("org.apache.activemq.audit").setLevel(Level.OFF);
    try {
      broker = new EmbeddedActiveMQ().setConfiguration(configuration(host, port));
      broker.start();
    } catch (Exception e) {
      throw new IllegalStateException("Embedded broker failed to start on " + host + ":" + port, e);
    }
    if (!broker.getActiveMQServer().isActive()) {
      throw new IllegalStateException(
          "Embedded broker is not active on " + host + ":" + port + " (port in use?)");
    }
    LOG.info(() -> "Embedded Artemis broker listening on " + host + ":" + port + " (CORE, AMQP)");
  }

  private Configuration configuration(String host, String port) throws Exception {
    Configuration conf = new ConfigurationImpl();
    conf.setName("odcs-embedded");
    conf.setSecurityEnabled(false); // loopback-only development broker
    conf.setJMXManagementEnabled(false);
    conf.addAcceptorConfiguration(
        "odcs", "tcp://" + host + ":" + port + "?protocols=CORE,AMQP&useEpoll=true");
    var dataDir = config.brokerDataDir();
    conf.setPersistenceEnabled(dataDir.isPresent());
    if (dataDir.isPresent()) {
      Path dir = dataDir.get().toAbsolutePath();
      conf.setJournalDirectory(dir.resolve("journal").toString());
      conf.setBindingsDirectory(dir.resolve("bindings").toString());
      conf.setLargeMessagesDirectory(dir.resolve("large-messages").toString());
      conf.setPagingDirectory(dir.resolve("paging").toString());
    }
    conf.addAddressSetting(
        "#",
        new AddressSettings()
            .setDeadLetterAddress(SimpleString.of("DLQ"))
            .setMaxDeliveryAttempts(3)
            .setRedeliveryDelay(1000)
            .setAutoCreateQueues(true)
            .setAutoCreateAddresses(true));
    return conf;
  }

  @PreDestroy
  void stop() {
    if (broker != null) {
      try {
        broker.stop();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Embedded broker did not stop cleanly", e);
      }
    }
  }
}
