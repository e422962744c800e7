package org.odcsj.outage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.ejb.EJBException;
import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.persistence.PersistenceException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.ActiveMQNotConnectedException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.junit.jupiter.api.Test;

class DependencyOutageTest {

  private static Optional<DependencyOutage> of(Throwable t) {
    return DependencyOutage.causing(t);
  }

  @Test
  void refusedDatabaseConnectionBehindPersistenceAndEjbIsADatabaseOutage() {
    var driver = new SQLException("Connection to 127.0.0.1:5432 refused.", "08001");
    var pool =
        new SQLException(
            "Error in allocating a connection. Cause: Connection refused", null, 0, driver);
    var error = new EJBException(new PersistenceException("Exception [EclipseLink-4002]", pool));
    assertEquals(Optional.of(DependencyOutage.DATABASE), of(error));
  }

  @Test
  void brokenPooledConnectionAndShuttingDownServerAreDatabaseOutages() {
    assertEquals(
        Optional.of(DependencyOutage.DATABASE),
        of(new PersistenceException(new SQLException("I/O error", "08006"))));
    assertEquals(
        Optional.of(DependencyOutage.DATABASE),
        of(new RuntimeException(new SQLException("terminating connection", "57P01"))));
  }

  @Test
  void otherSqlErrorsAreNoOutage() {
    assertEquals(
        Optional.empty(),
        of(new PersistenceException(new SQLIntegrityConstraintViolationException("dup", "23505"))));
    assertEquals(Optional.empty(), of(new IllegalStateException("boom")));
    assertEquals(Optional.empty(), of(new RuntimeException(new ConnectException("refused"))));
  }

  @Test
  void jmsAndArtemisErrorsAreABrokerOutage() {
    assertEquals(
        Optional.of(DependencyOutage.BROKER),
        of(new EJBException(new JMSRuntimeException("Could not create a session"))));
    JMSException linked = new JMSException("send failed");
    assertEquals(Optional.of(DependencyOutage.BROKER), of(new RuntimeException(linked)));
    assertEquals(
        Optional.of(DependencyOutage.BROKER),
        of(new RuntimeException(new ActiveMQNotConnectedException("no connection"))));
  }

  @Test
  void aRefusedBrokerLoginIsNoOutage() {
    assertEquals(Optional.empty(), of(new JMSSecurityRuntimeException("bad password")));
    assertEquals(
        Optional.empty(), of(new JMSRuntimeException("x", "y", new ActiveMQSecurityException())));
  }

  @Test
  void aCyclicCauseChainEnds() {
    RuntimeException a = new RuntimeException("a");
    RuntimeException b = new RuntimeException("b", a);
    a.initCause(b);
    assertEquals(Optional.empty(), of(a));
  }

  @Test
  void aFailedRollbackIsATransactionFailureNamingNoDependency() {
    var rollback =
        new EJBException(new RuntimeException(new javax.transaction.xa.XAException("rollback")));
    assertEquals(true, DependencyOutage.isTransactionFailure(rollback));
    assertEquals(Optional.empty(), of(rollback));
    assertEquals(false, DependencyOutage.isTransactionFailure(new IllegalStateException("x")));
  }
}
