package org.odcsj.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.odcsj.config.OdcsConfig;

/** Ready when a file can be created in the target directory. */
@Readiness
@ApplicationScoped
public class TargetDirReadiness implements HealthCheck {

  @Inject OdcsConfig config;

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named("target-dir");
    try {
      Path dir = Files.createDirectories(config.targetDir());
      Path probe = Files.createTempFile(dir, ".health", ".probe");
      Files.delete(probe);
      return response.up().build();
    } catch (IOException | RuntimeException e) {
      return response.down().withData("error", e.getClass().getSimpleName()).build();
    }
  }
}
