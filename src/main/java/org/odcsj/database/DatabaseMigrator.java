package org.odcsj.database;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with the versioned migrations before anything else uses the
 * database. The datasource values are resolved at deploy time from server-level config (env vars or
 * the post-boot defaults in server-config/), not from the WAR's own properties file.
 */
@DataSourceDefinition(
    name = "java:app/jdbc/odcs",
    className = "${MPCONFIG=odcs.db.class}",
    url = "${MPCONFIG=odcs.db.url}",
    user = "${MPCONFIG=odcs.db.user}",
    password = "${MPCONFIG=odcs.db.password}",
    minPoolSize = 1,
    maxPoolSize = 30,
    // Validate pooled connections (JDBC 4 isValid) so the pool recovers after a database outage.
    properties = {
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=custom-validation",
      "fish.payara.validation-classname=org.glassfish.api.jdbc.validation.JDBC40ConnectionValidation",
      "fish.payara.fail-all-connections=true",
      // ...but at most once per 5 s per connection: a validation is a round trip to PostgreSQL,
      // and it was one more per transaction. A connection broken meanwhile fails its statement,
      // which flushes the pool (above) and is answered 503 like any database outage.
      "fish.payara.validate-atmost-once-period-in-seconds=5"
    })
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class DatabaseMigrator {

  private static final Logger LOG = Logger.getLogger(DatabaseMigrator.class.getName());

  @Resource(lookup = "java:app/jdbc/odcs")
  DataSource dataSource;

  @PostConstruct
  void migrate() {
    var result =
        Flyway.configure(DatabaseMigrator.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:db/migration")
            .load()
            .migrate();
    LOG.info(
        () ->
            "Database schema at version "
                + result.targetSchemaVersion
                + " ("
                + result.migrationsExecuted
                + " migrations applied now)");
  }
}
