package org.odcsj.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Live while the application answers; dependencies are the readiness checks' business. */
@Liveness
@ApplicationScoped
public class Alive implements HealthCheck {
  @Override
  public HealthCheckResponse call() {
    return HealthCheckResponse.up("odcs");
  }
}
