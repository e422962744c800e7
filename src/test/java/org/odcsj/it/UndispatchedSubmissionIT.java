package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A submission is stored first and its generation request sent after the commit (the row is the
 * outbox record). A row stored but never sent — what an instance that died between the two leaves
 * behind — is sent by the dispatch timer of a live instance and generated like any other.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class UndispatchedSubmissionIT {

  @Test
  void composeStoredButNeverSentIsGeneratedAnyway() throws Exception {
    OdcsServer.Running server = OdcsServer.get();
    OdcsApi api = new OdcsApi(server.baseUrl());
    long id;
    try (Connection db = TestEnvironment.current().postgres().connect(server.db());
        PreparedStatement insert =
            db.prepareStatement(
                "insert into composes (id, owner, source_type, source, state, time_submitted,"
                    + " time_to_expire, arches, target_dir, dispatched)"
                    + " values (nextval('compose_id_seq'), 'crashed-submitter', 3, ?, 0, now(),"
                    + " now() + interval '1 day', 'x86_64', 'default', false) returning id")) {
      insert.setString(1, HelloRepo.path().toString());
      try (ResultSet r = insert.executeQuery()) {
        r.next();
        id = r.getLong(1);
      }
    }
    JsonObject compose = api.awaitState(id, Duration.ofSeconds(90), "done", "failed");
    assertEquals("done", compose.getString("state_name"), compose::toString);
    try (Connection db = TestEnvironment.current().postgres().connect(server.db());
        PreparedStatement q = db.prepareStatement("select dispatched from composes where id = ?")) {
      q.setLong(1, id);
      try (ResultSet r = q.executeQuery()) {
        assertTrue(r.next());
        assertTrue(r.getBoolean(1), "marked dispatched once sent");
      }
    }
  }
}
