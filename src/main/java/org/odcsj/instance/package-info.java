/**
 * Identity and liveness of the running instances: each has a name and a boot id and records a
 * heartbeat row; the metrics and the crash recovery read them. No HTTP, no JMS, no compose state.
 */
package org.odcsj.instance;
