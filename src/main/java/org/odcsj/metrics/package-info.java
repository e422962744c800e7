/** Metrics of the service in Prometheus text format (ODCS names); no HTTP, no JMS. */
package org.odcsj.metrics;
