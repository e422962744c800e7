/** The datasource definition and the schema migrations (Flyway); no queries live here. */
package org.odcsj.database;
