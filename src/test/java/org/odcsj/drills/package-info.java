/**
 * Reliability drills against the deployed WAR on real PostgreSQL and Artemis: servers killed with
 * kill -9, several instances on one queue, the broker and the database stopped and started for
 * real. They take minutes, so they run only with {@code ./mvnw -Pdrills verify} (.ci/run), never in
 * the plain verify.
 */
package org.odcsj.drills;
