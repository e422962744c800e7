package org.odcsj.it.faults;

import jakarta.annotation.Priority;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.BadRequestException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeFilter;
import org.odcsj.compose.ComposeQueries;

/**
 * TEST ONLY — added to the WAR the integration tests deploy, never to the shipped one: the real
 * compose queries, except that a request carrying {@code X-Test-Fault: <kind>: <text>} makes them
 * throw, inside the EJB as a broken query would, where the upstream error-handling tests patch the
 * query. Kinds: {@code bad-request} (a JAX-RS {@code BadRequestException}), {@code runtime}, {@code
 * index} (index out of bounds), {@code io} (an I/O error). Without the header it changes nothing.
 */
@Alternative
@Priority(1000)
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS) // as the queries it wraps
public class FaultyComposeQueries extends ComposeQueries {

  public static final String FAULT_HEADER = "X-Test-Fault";

  @Inject HttpServletRequest request;

  @Override
  public Optional<Compose> find(long id) {
    injectFault();
    return super.find(id);
  }

  @Override
  public List<Compose> page(ComposeFilter filter, int page, int perPage) {
    injectFault();
    return super.page(filter, page, perPage);
  }

  @Override
  public long count(ComposeFilter filter) {
    injectFault();
    return super.count(filter);
  }

  private void injectFault() {
    String fault;
    try {
      fault = request.getHeader(FAULT_HEADER);
    } catch (ContextNotActiveException | IllegalStateException noRequest) {
      return;
    }
    if (fault == null) {
      return;
    }
    int colon = fault.indexOf(':');
    String kind = colon < 0 ? fault : fault.substring(0, colon).strip();
    String text = colon < 0 ? "" : fault.substring(colon + 1).strip();
    throw switch (kind) {
      case "bad-request" -> new BadRequestException(text);
      case "runtime" -> new RuntimeException(text);
      case "index" -> new IndexOutOfBoundsException(text);
      case "io" -> new UncheckedIOException(text, new IOException(text));
      default -> new IllegalArgumentException("Unknown test fault " + kind);
    };
  }
}
