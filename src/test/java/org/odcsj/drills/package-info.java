/**
 * Reliability drills against the deployed WAR on real PostgreSQL and Artemis: servers killed with
 * kill -9, several instances on one queue. Run only by {@code ./mvnw -Pdrills verify}.
 */
package org.odcsj.drills;
