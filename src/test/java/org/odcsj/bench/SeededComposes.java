package org.odcsj.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills the real {@code composes} table of a server's PostgreSQL database with rows shaped as the
 * service writes them, in one INSERT … SELECT (100,000 rows in seconds): ids from the service's
 * sequence, 50 owners, the seven source types, 70 % removed, 20 % done, 10 % failed. No row is
 * {@code wait} or {@code generating} (nothing must try to generate them), and done and failed ones
 * expire in 30 days (the expiry timer must leave them alone while the bench runs).
 */
final class SeededComposes {

  static final String OWNER_FILTER = "user7";
  static final String SOURCE_TYPE_FILTER = "tag";

  private static final String INSERT =
      """
      insert into composes (id, owner, source_type, source, state, state_reason, time_submitted,
          time_started, time_done, time_removed, time_to_expire, removed_by, flags, results,
          sigkeys, koji_event, arches, multilib_arches, multilib_method, label, compose_type,
          pungi_compose_id, target_dir, source_fingerprint, removal_requested)
      select id, 'user' || (id % 50), st,
          case st when 1 then 'f40-build-' || (id % 40)
                  when 2 then 'nodejs:20 perl:5.38 ruby:' || (id % 9)
                  when 3 then '/srv/repos/r' || (id % 100)
                  else 'src-' || (id % 300) end,
          state,
          case state when 2 then 'Compose is generated successfully'
                     when 3 then 'Compose is generated successfully \nCompose is expired.'
                     else 'Package hello-' || (id % 7) || ' not found' end,
          t, t + interval '3 seconds', t + interval '40 seconds',
          case state when 3 then t + interval '1 day' end,
          case state when 3 then t + interval '1 day' else now() + interval '30 days' end,
          null, 0, 1, 'fd431d51', case st when 1 then 3400000 + id end, 'x86_64 i686', '', 0,
          case when id % 10 = 0 then 'RC-' || (id % 20) end,
          case when id % 5 = 0 then 'production' else 'test' end,
          case state when 4 then null else 'odcs-' || id || '-1-20261201.t.0' end,
          'default', 'sha256:' || md5(id::text), false
      from (select id, 1 + (id % 7)::int as st,
                   case when id % 10 < 7 then 3 when id % 10 < 9 then 2 else 4 end as state,
                   now() - interval '120 days' + id * interval '1 minute' as t
            from (select nextval('compose_id_seq') as id from generate_series(1, ?)) ids) rows
      """;

  private SeededComposes() {}

  static long count(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("select count(*) from composes")) {
      r.next();
      return r.getLong(1);
    }
  }

  /** Adds rows until the table holds {@code total}, then refreshes the planner's statistics. */
  static void growTo(Connection db, long total) throws SQLException {
    long missing = total - count(db);
    if (missing > 0) {
      try (PreparedStatement insert = db.prepareStatement(INSERT)) {
        insert.setLong(1, missing);
        insert.executeUpdate();
      }
    }
    try (Statement s = db.createStatement()) {
      s.execute("vacuum analyze composes");
    }
  }

  /** Some id of a seeded row (for GET by id). */
  static long maxId(Connection db) throws SQLException {
    try (Statement s = db.createStatement();
        ResultSet r = s.executeQuery("select coalesce(max(id), 0) from composes")) {
      r.next();
      return r.getLong(1);
    }
  }
}
