/**
 * Reliability drills against the deployed WAR: dependencies stopped and started for real. They take
 * minutes, so they run only with {@code -Pdrills} (.ci/run), never in the plain verify.
 */
package org.odcsj.drills;
