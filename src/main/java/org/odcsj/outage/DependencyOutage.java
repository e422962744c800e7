package org.odcsj.outage;

import jakarta.jms.JMSException;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.JMSSecurityException;
import jakarta.jms.JMSSecurityRuntimeException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A dependency that cannot be reached, recognised in the cause chain of an error: the database (the
 * pool cannot open a connection, or a connection broke: SQL state class 08, or 57P0x while
 * PostgreSQL shuts down or starts) or the message broker (a JMS or Artemis client error other than
 * a refused login). Anything else is not an outage and stays the error it is.
 */
public enum DependencyOutage {
  DATABASE("The database is unavailable"),
  BROKER("The message broker is unavailable");

  private static final int MAX_DEPTH = 40;
  private static final String ARTEMIS_ERROR =
      "org.apache.activemq.artemis.api.core.ActiveMQException";
  private static final String ARTEMIS_LOGIN_ERROR =
      "org.apache.activemq.artemis.api.core.ActiveMQSecurityException";

  private final String description;

  DependencyOutage(String description) {
    this.description = description;
  }

  /** A sentence for a user: which dependency is missing. */
  public String description() {
    return description;
  }

  /** The outage behind {@code error}, judged by the outermost cause that tells. */
  public static Optional<DependencyOutage> causing(Throwable error) {
    List<Throwable> chain = chain(error);
    // A refused login is a configuration error, wherever the chain mentions it.
    if (chain.stream().anyMatch(DependencyOutage::isLoginRefused)) {
      return Optional.empty();
    }
    for (Throwable t : chain) {
      if (t instanceof JMSException || t instanceof JMSRuntimeException || isA(t, ARTEMIS_ERROR)) {
        return Optional.of(BROKER);
      }
      if (t instanceof SQLException sql && isConnectionFailure(sql)) {
        return Optional.of(DATABASE);
      }
    }
    return Optional.empty();
  }

  /**
   * Whether the transaction manager failed the request (a resource failed to prepare, commit or
   * roll back): what a request sees when a dependency goes away in the middle of its transaction,
   * without naming which one — {@link DependencyProbe} then tells.
   */
  public static boolean isTransactionFailure(Throwable error) {
    return chain(error).stream()
        .map(t -> t.getClass().getName())
        .anyMatch(
            name ->
                name.startsWith("org.omg.CORBA.")
                    || name.startsWith("jakarta.transaction.")
                    || name.equals("javax.transaction.xa.XAException")
                    || name.equals("jakarta.ejb.EJBTransactionRolledbackException")
                    || name.equals("jakarta.ejb.TransactionRolledbackLocalException"));
  }

  private static List<Throwable> chain(Throwable error) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && chain.size() < MAX_DEPTH && seen.add(t); t = next(t)) {
      chain.add(t);
    }
    return chain;
  }

  private static boolean isLoginRefused(Throwable t) {
    return t instanceof JMSSecurityException
        || t instanceof JMSSecurityRuntimeException
        || isA(t, ARTEMIS_LOGIN_ERROR);
  }

  /**
   * By name: the resource adapter's Artemis classes come from the RAR's class loader, not from the
   * copy in the WAR, so {@code instanceof} would never match them.
   */
  private static boolean isA(Throwable t, String className) {
    for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
      if (c.getName().equals(className)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isConnectionFailure(SQLException e) {
    String state = e.getSQLState();
    String message = e.getMessage();
    return e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException
        || (state != null && (state.startsWith("08") || state.startsWith("57P0")))
        // Payara's pool when it cannot open a connection (the driver's error is its cause).
        || (message != null && message.contains("Error in allocating a connection"));
  }

  // JMSException keeps its cause as the "linked exception"; SQLException may chain a next one.
  private static Throwable next(Throwable t) {
    if (t.getCause() != null) {
      return t.getCause();
    }
    if (t instanceof JMSException jms && jms.getLinkedException() != null) {
      return jms.getLinkedException();
    }
    if (t instanceof SQLException sql) {
      return sql.getNextException();
    }
    return null;
  }
}
