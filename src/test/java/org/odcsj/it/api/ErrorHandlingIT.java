package org.odcsj.it.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odcsj.it.api.Api.COMPOSES;
import static org.odcsj.it.api.Api.assertError;
import static org.odcsj.it.api.Api.composeUrl;
import static org.odcsj.it.api.Api.ok;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsApi.Reply;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.faults.FaultyComposeQueries;

/**
 * Spec §10.3 and §2.2: an error raised inside a handler — here inside the compose queries, through
 * the test-only {@link FaultyComposeQueries} — is answered with the ODCS error envelope: a "bad
 * request" as 400 with its description, anything unexpected as 500 with the error's text and an
 * error id that names the server log entry; never a stack trace.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class ErrorHandlingIT {

  private static OdcsApi failing(String fault) {
    return Api.anonymous().withHeader(FaultyComposeQueries.FAULT_HEADER, fault);
  }

  @Test
  void v17_badRequestRaisedInTheDeleteHandlerIsA400WithItsDescription() {
    Reply reply = failing("bad-request: bad request to delete").delete(composeUrl(100));
    assertError(reply, 400, "bad request to delete");
  }

  @ParameterizedTest
  @CsvSource({"runtime, runtime error", "index, out of scope", "io, os error"})
  void v18_unexpectedErrorInTheListQueryIsA500WithItsText(String kind, String text)
      throws Exception {
    long loggedBefore = loggedErrors();
    Reply reply = failing(kind + ": " + text).get(COMPOSES);
    assertError(reply, 500, text);
    assertFalse(reply.body().contains("\tat ") || reply.body().contains("Exception"), reply.body());
    String id = reply.raw().headers().firstValue("X-Error-Id").orElseThrow();
    assertTrue(id.matches("[0-9a-f]{12}"), id);
    assertLogged("Unexpected error " + id + " serving GET /api/1/composes/");
    assertEquals(loggedBefore + 1, loggedErrors(), "one error, one log entry");
  }

  @Test
  void withoutAFaultTheSameRequestsWork() {
    ok(Api.anonymous().get(COMPOSES));
    assertError(Api.anonymous().delete(composeUrl(999_999_999)), 404, "No such compose found.");
  }

  @Test
  void theShippedWarHasNoTestOnlyClasses() throws IOException {
    try (ZipFile war = new ZipFile(System.getProperty("odcs.it.war"))) {
      assertTrue(war.stream().anyMatch(e -> e.getName().startsWith("WEB-INF/classes/org/odcsj/")));
      assertEquals(
          0,
          war.stream()
              .filter(e -> e.getName().startsWith("WEB-INF/classes/org/odcsj/it/"))
              .count());
    }
  }

  private static long loggedErrors() throws IOException {
    return Files.readAllLines(OdcsServer.get().log()).stream()
        .filter(line -> line.contains("Unexpected error "))
        .count();
  }

  /** The server log has a line with {@code text} (an operator greps for the error id). */
  private static void assertLogged(String text) throws Exception {
    Path log = OdcsServer.get().log();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
    while (!Files.readString(log).contains(text)) {
      assertTrue(Instant.now().isBefore(deadline), () -> "not in the server log: " + text);
      Thread.sleep(100);
    }
  }
}
