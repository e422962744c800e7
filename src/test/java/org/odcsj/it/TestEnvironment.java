package org.odcsj.it;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.odcsj.it.infra.LocalBroker;
import org.odcsj.it.infra.LocalPostgres;

/**
 * Brings up, once per test JVM, the real PostgreSQL and Artemis broker every integration test talks
 * to, on the ports Maven reserved (the Payara Micro that Arquillian starts is configured with the
 * same ports through failsafe's environment). Does nothing inside the container, where the {@code
 * odcs.it.infrastructure} system property is absent.
 */
public class TestEnvironment implements BeforeAllCallback {

  public static final String BROKER_USER = "odcs";
  public static final String BROKER_PASSWORD = "odcs";

  private static Infrastructure infrastructure;

  /** The running infrastructure; started on first use. */
  public static synchronized Infrastructure get(ExtensionContext context) throws Exception {
    if (infrastructure == null) {
      infrastructure = Infrastructure.start();
      context
          .getRoot()
          .getStore(ExtensionContext.Namespace.GLOBAL)
          .put(
              TestEnvironment.class.getName(),
              (ExtensionContext.Store.CloseableResource) infrastructure::close);
    }
    return infrastructure;
  }

  public static synchronized Infrastructure current() {
    if (infrastructure == null) {
      throw new IllegalStateException("TestEnvironment not started");
    }
    return infrastructure;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (Boolean.getBoolean("odcs.it.infrastructure")) {
      get(context);
    }
  }

  /** Database, broker and the directory tree the tests and servers share. */
  public record Infrastructure(Path itDir, LocalPostgres postgres, LocalBroker broker) {

    static Infrastructure start() throws Exception {
      Path itDir = Files.createDirectories(Path.of(System.getProperty("odcs.it.dir")));
      // Source repositories are built by the tests of this run: never reuse an earlier run's.
      org.odcsj.it.infra.PostgresBinaries.deleteTree(itDir.resolve("repos"));
      LocalPostgres pg = LocalPostgres.start(itDir, Integer.getInteger("odcs.it.pg.port"));
      pg.createDatabase("odcs_http", "odcs", "odcs");
      pg.createDatabase("odcs_container", "odcs", "odcs");
      pg.createDatabase("odcs_alt", "odcs", "odcs");
      LocalBroker broker =
          LocalBroker.start(
              itDir, Integer.getInteger("odcs.it.broker.port"), BROKER_USER, BROKER_PASSWORD);
      return new Infrastructure(itDir, pg, broker);
    }

    void close() {
      try {
        OdcsServer.stopIfRunning();
      } finally {
        try {
          broker.stop();
        } catch (Exception e) {
          System.err.println("Broker did not stop cleanly: " + e);
        } finally {
          postgres.stop();
        }
      }
    }
  }
}
