package org.odcsj.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.jms.Connection;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.odcsj.config.OdcsConfig;

/**
 * Ready when the broker accepts a connection with our credentials. Uses a direct client with a
 * short timeout, not the resource adapter's pool, whose calls block for tens of seconds while the
 * broker is down.
 */
@Readiness
@ApplicationScoped
public class BrokerReadiness implements HealthCheck {

  @Inject OdcsConfig config;

  @Inject
  @ConfigProperty(name = "odcs.broker.user", defaultValue = "")
  String user;

  @Inject
  @ConfigProperty(name = "odcs.broker.password", defaultValue = "")
  String password;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("broker");
    Map<String, String> params = config.brokerParameters();
    String url =
        "tcp://"
            + params.getOrDefault("host", "127.0.0.1")
            + ":"
            + params.getOrDefault("port", "61616")
            + "?initialConnectAttempts=1&callTimeout=3000&connectionTTL=5000";
    try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory(url);
        Connection connection = factory.createConnection(user, password)) {
      return response.up().build();
    } catch (Exception e) {
      return response.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
