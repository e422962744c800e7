package org.odcsj.outage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.odcsj.health.BrokerReadiness;
import org.odcsj.health.DatabaseReadiness;

/**
 * Asks the readiness checks (short timeouts, no resource-adapter pool) which dependency is
 * unreachable right now — for errors that do not say so themselves, such as a transaction whose
 * rollback failed because the broker vanished in the middle of it.
 */
@ApplicationScoped
public class DependencyProbe {

  @Inject @Readiness BrokerReadiness broker;
  @Inject @Readiness DatabaseReadiness database;

  /** The dependency that does not answer, the broker first; empty when both do. */
  public Optional<DependencyOutage> unreachable() {
    if (isDown(broker)) {
      return Optional.of(DependencyOutage.BROKER);
    }
    if (isDown(database)) {
      return Optional.of(DependencyOutage.DATABASE);
    }
    return Optional.empty();
  }

  /** The outage behind {@code error}: named by its causes, or probed after a failed transaction. */
  public Optional<DependencyOutage> behind(Throwable error) {
    Optional<DependencyOutage> named = DependencyOutage.causing(error);
    if (named.isPresent() || !DependencyOutage.isTransactionFailure(error)) {
      return named;
    }
    return unreachable();
  }

  private static boolean isDown(HealthCheck check) {
    return check.call().getStatus() != HealthCheckResponse.Status.UP;
  }
}
