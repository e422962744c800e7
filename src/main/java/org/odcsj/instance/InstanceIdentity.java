package org.odcsj.instance;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.util.UUID;
import org.odcsj.config.OdcsConfig;

/**
 * Who this instance is: a name ({@code odcs.instance.name}, default {@code <pid>@<host>}) and the
 * id of this boot, new at every start. A compose records both when it is claimed; a compose whose
 * instance stopped beating, or whose instance name now runs under another boot, was left behind by
 * a crash. A stable configured name lets a restarted instance recover its composes at once.
 */
@ApplicationScoped
public class InstanceIdentity {

  private static final String BOOT_ID = UUID.randomUUID().toString();
  private static final String DEFAULT_NAME = ProcessHandle.current().pid() + "@" + hostName();

  @Inject OdcsConfig config;

  /** This instance's name in the heartbeat table, the metrics and the composes it generates. */
  public String name() {
    return config.instanceName().orElse(DEFAULT_NAME);
  }

  /** The id of this boot of the instance. */
  public String bootId() {
    return BOOT_ID;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException | RuntimeException e) {
      String env = System.getenv("HOSTNAME");
      return env == null || env.isBlank() ? "localhost" : env;
    }
  }
}
