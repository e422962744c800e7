/**
 * Liveness of the running instances: each records a heartbeat row; the metrics read them. No HTTP,
 * no JMS, no compose state.
 */
package org.odcsj.instance;
