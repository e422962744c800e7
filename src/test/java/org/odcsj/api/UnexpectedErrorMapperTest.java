package org.odcsj.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.ejb.EJBException;
import org.junit.jupiter.api.Test;

/** What a 500 tells the client: the error's own text, never a stack trace or a page of SQL. */
class UnexpectedErrorMapperTest {

  @Test
  void messageIsTheErrorsText() {
    assertEquals(
        "runtime error", UnexpectedErrorMapper.message(new RuntimeException("runtime error"), "1"));
  }

  @Test
  void onlyTheFirstLineOfALongTextIsShown_cappedAt300Characters() {
    String sql = "Internal Exception: org.postgresql.util.PSQLException: boom\nCall: select *";
    assertEquals(
        "Internal Exception: org.postgresql.util.PSQLException: boom",
        UnexpectedErrorMapper.message(new IllegalStateException(sql), "1"));
    String message = UnexpectedErrorMapper.message(new RuntimeException("x".repeat(1000)), "1");
    assertEquals("x".repeat(300) + "…", message);
  }

  @Test
  void anErrorWithoutTextPointsAtTheLogEntry() {
    assertEquals(
        "Internal error 0a1b2c; the server log has the details.",
        UnexpectedErrorMapper.message(new NullPointerException(), "0a1b2c"));
  }

  @Test
  void whatTheEjbContainerWrappedIsUnwrapped() {
    // (A BadRequestException needs the JAX-RS runtime; the container test V-17 covers that one.)
    IllegalArgumentException cause = new IllegalArgumentException("bad request to delete");
    assertSame(
        cause, UnexpectedErrorMapper.unwrap(new EJBException(new EJBException("outer", cause))));
    RuntimeException plain = new RuntimeException("x");
    assertSame(plain, UnexpectedErrorMapper.unwrap(plain));
  }
}
