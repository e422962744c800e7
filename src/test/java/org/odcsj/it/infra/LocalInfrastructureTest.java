package org.odcsj.it.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;

/** Smoke test of the real PostgreSQL and Artemis the integration tests run against. */
class LocalInfrastructureTest {
  // Same dir as the ITs (odcs.it.dir): the extracted binaries (target/it/pg-bin) are shared.
  private static final Path WORK = Path.of("target", "it");

  @Test
  void postgresServesXaCapableDatabaseToItsOwnRole() throws Exception {
    long t0 = System.nanoTime();
    try (LocalPostgres pg = LocalPostgres.start(WORK, freePort())) {
      long started = System.nanoTime();
      String url = pg.createDatabase("odcs_it", "odcs_it", "s3cr'et");
      try (Connection c = DriverManager.getConnection(url, "odcs_it", "s3cr'et");
          Statement st = c.createStatement()) {
        assertEquals("odcs_it", query(st, "select current_user"));
        assertEquals("50", query(st, "show max_prepared_transactions"));
        assertEquals("200", query(st, "show max_connections"));
        // Two-phase commit, as XA (PGXADataSource) does it.
        c.setAutoCommit(false);
        st.execute("create table t(id int)");
        st.execute("insert into t values (1)");
        st.execute("prepare transaction 'it-xa-1'");
        c.setAutoCommit(true);
        assertEquals("1", query(st, "select count(*) from pg_prepared_xacts"));
        st.execute("rollback prepared 'it-xa-1'");
        assertEquals("0", query(st, "select count(*) from pg_prepared_xacts"));
        assertEquals("0", query(st, "select count(*) from pg_tables where tablename = 't'"));
      }
      System.out.printf(
          "LocalPostgres: start %d ms (port %d), createDatabase+2PC %d ms%n",
          (started - t0) / 1_000_000, pg.port(), (System.nanoTime() - started) / 1_000_000);
      long s = System.nanoTime();
      pg.stop();
      System.out.printf("LocalPostgres: stop %d ms%n", (System.nanoTime() - s) / 1_000_000);
    }
  }

  @Test
  void postgresOnBusyPortFailsWithLogTail() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> LocalPostgres.start(WORK, taken.getLocalPort()).close());
      assertTrue(e.getMessage().contains("could not bind"), e.getMessage());
    }
  }

  @Test
  void staleServerOnTheSameDataDirIsReplaced() throws Exception {
    int port = freePort();
    // 'stale' plays a server left behind by a crashed test JVM (same port, same data dir).
    LocalPostgres stale = LocalPostgres.start(WORK, port);
    try (LocalPostgres fresh = LocalPostgres.start(WORK, port);
        Connection c = fresh.connect("postgres")) {
      assertTrue(c.isValid(2));
    } finally {
      stale.stop(); // its server is already gone; this only unregisters the shutdown hook
    }
  }

  @Test
  void brokerRequiresLoginAndCountsMessages() throws Exception {
    long t0 = System.nanoTime();
    try (LocalBroker broker = LocalBroker.start(WORK, freePort(), "odcs", "pw")) {
      long started = System.nanoTime();
      broker.sendText("it.jobs", "hello", Map.of("jobId", 42L, "kind", "compose"));
      broker.sendText("it.jobs", "world", Map.of());
      assertEquals(2, broker.messageCount("it.jobs"));
      assertEquals(0, broker.messageCount("no.such.queue"));
      assertEquals(0, broker.messageCount(LocalBroker.DLQ));

      try (ActiveMQConnectionFactory cf =
              new ActiveMQConnectionFactory(broker.url(), "odcs", "pw");
          JMSContext ctx = cf.createContext()) {
        TextMessage m = (TextMessage) ctx.createConsumer(ctx.createQueue("it.jobs")).receive(5000);
        assertEquals("hello", m.getText());
        assertEquals(42L, m.getLongProperty("jobId"));
      }
      assertEquals(1, broker.messageCount("it.jobs"));
      assertEquals(2, broker.messagesAdded("it.jobs"));

      // Address settings: 3 delivery attempts (500 ms apart), then the dead-letter queue.
      try (ActiveMQConnectionFactory cf =
              new ActiveMQConnectionFactory(broker.url(), "odcs", "pw");
          JMSContext tx = cf.createContext(JMSContext.SESSION_TRANSACTED)) {
        JMSConsumer consumer = tx.createConsumer(tx.createQueue("it.jobs"));
        for (int attempt = 1; attempt <= 3; attempt++) {
          Message m = consumer.receive(5000);
          assertEquals(attempt, m.getIntProperty("JMSXDeliveryCount"));
          tx.rollback();
        }
        assertNull(consumer.receive(1000));
      }
      assertEquals(0, broker.messageCount("it.jobs"));
      assertEquals(1, broker.messageCount(LocalBroker.DLQ));

      try (ActiveMQConnectionFactory bad =
          new ActiveMQConnectionFactory(broker.url(), "odcs", "wrong")) {
        assertThrows(JMSSecurityRuntimeException.class, () -> bad.createContext().close());
      }
      System.out.printf(
          "LocalBroker: start %d ms (port %d), send/receive/redeliver %d ms%n",
          (started - t0) / 1_000_000, broker.port(), (System.nanoTime() - started) / 1_000_000);
    }
  }

  @Test
  void brokerOnBusyPortIsFatal() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> LocalBroker.start(WORK, taken.getLocalPort(), "u", "p").close());
      assertTrue(e.getMessage().contains("port in use?"), e.getMessage());
    }
  }

  private static String query(Statement st, String sql) throws Exception {
    try (ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
