package org.odcsj.it.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Seeds composes in any state straight into a server's real database (the way the upstream view
 * tests seed theirs), for behaviours that need a compose the API cannot produce on demand: {@code
 * done}, {@code removed}, {@code generating}, a {@code wait} compose that stays waiting (no
 * generation message is sent for a seeded row), a Koji event, a Pungi compose id, reuse links …
 *
 * <p>Defaults: owner {@code unknown}, a module compose of {@code testmodule:master}, state {@code
 * wait}, submitted now, expiring in a day (so the expiry timer leaves seeded {@code done}/{@code
 * failed} composes alone), arches {@code x86_64}, results {@code repository}, compose type {@code
 * test}, the default target directory.
 */
final class ComposeRows {

  static final int WAIT = 0;
  static final int GENERATING = 1;
  static final int DONE = 2;
  static final int REMOVED = 3;
  static final int FAILED = 4;

  static final int TAG = 1;
  static final int MODULE = 2;
  static final int REPO = 3;
  static final int PULP = 4;
  static final int RAW_CONFIG = 5;
  static final int BUILD = 6;
  static final int PUNGI_COMPOSE = 7;

  private final String db;
  private final Map<String, Object> columns = new LinkedHashMap<>();
  private boolean reusingItself;

  private ComposeRows(String db) {
    this.db = db;
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    columns.put("owner", "unknown");
    columns.put("source_type", MODULE);
    columns.put("source", "testmodule:master");
    columns.put("state", WAIT);
    columns.put("time_submitted", now);
    columns.put("time_to_expire", now.plus(Duration.ofDays(1)));
    columns.put("arches", "x86_64");
    columns.put("results", 1);
    columns.put("multilib_arches", "");
    columns.put("lookaside_repos", "");
    columns.put("sigkeys", "");
    columns.put("compose_type", "test");
    columns.put("target_dir", "default");
  }

  /** A compose row for the main test server. */
  static ComposeRows compose() {
    return new ComposeRows(OdcsServer.get().db());
  }

  ComposeRows owner(String owner) {
    return set("owner", owner);
  }

  ComposeRows sourceType(int sourceType) {
    return set("source_type", sourceType);
  }

  ComposeRows source(String source) {
    return set("source", source);
  }

  ComposeRows tag(String tag) {
    return sourceType(TAG).source(tag);
  }

  ComposeRows module(String modules) {
    return sourceType(MODULE).source(modules);
  }

  ComposeRows rawConfig(String nameAndCommit) {
    return sourceType(RAW_CONFIG).source(nameAndCommit);
  }

  /** The state; {@code done}, {@code removed} and {@code failed} also get the matching times. */
  ComposeRows state(int state) {
    set("state", state);
    Instant submitted = (Instant) columns.get("time_submitted");
    if (state != WAIT) {
      columns.putIfAbsent("time_started", submitted);
    }
    if (state == DONE || state == FAILED || state == REMOVED) {
      columns.putIfAbsent("time_done", submitted);
    }
    if (state == REMOVED) {
      columns.putIfAbsent("time_removed", submitted);
    }
    if (state == DONE) {
      columns.putIfAbsent("state_reason", "Compose is generated successfully");
    }
    return this;
  }

  ComposeRows reason(String stateReason) {
    return set("state_reason", stateReason);
  }

  ComposeRows submitted(Instant time) {
    return set("time_submitted", time);
  }

  ComposeRows started(Instant time) {
    return set("time_started", time);
  }

  ComposeRows done(Instant time) {
    return set("time_done", time);
  }

  ComposeRows removed(Instant time) {
    return set("time_removed", time);
  }

  ComposeRows expires(Instant time) {
    return set("time_to_expire", time);
  }

  ComposeRows label(String label) {
    return set("label", label);
  }

  ComposeRows composeType(String composeType) {
    return set("compose_type", composeType);
  }

  ComposeRows sigkeys(String sigkeys) {
    return set("sigkeys", sigkeys);
  }

  ComposeRows kojiEvent(long kojiEvent) {
    return set("koji_event", kojiEvent);
  }

  ComposeRows kojiTaskId(long kojiTaskId) {
    return set("koji_task_id", kojiTaskId);
  }

  ComposeRows pungiComposeId(String id) {
    return set("pungi_compose_id", id);
  }

  ComposeRows pungiConfigDump(String dump) {
    return set("pungi_config_dump", dump);
  }

  ComposeRows reusing(long composeId) {
    return set("reused_id", composeId);
  }

  ComposeRows reusingItself() {
    reusingItself = true;
    return this;
  }

  /** Any other column, by its name in {@code composes}. */
  ComposeRows set(String column, Object value) {
    columns.put(column, value);
    return this;
  }

  /** Inserts the row and returns its id (from {@code compose_id_seq}, as the server's own). */
  long insert() {
    try (Connection c = TestEnvironment.current().postgres().connect(db)) {
      long id;
      try (Statement st = c.createStatement();
          ResultSet rs = st.executeQuery("select nextval('compose_id_seq')")) {
        rs.next();
        id = rs.getLong(1);
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", id);
      row.putAll(columns);
      if (reusingItself) {
        row.put("reused_id", id);
      }
      String sql =
          "insert into composes ("
              + String.join(", ", row.keySet())
              + ") values ("
              + String.join(", ", java.util.Collections.nCopies(row.size(), "?"))
              + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        int i = 1;
        for (Object value : row.values()) {
          ps.setObject(
              i++,
              value instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : value);
        }
        ps.executeUpdate();
      }
      return id;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot seed compose " + columns, e);
    }
  }
}
