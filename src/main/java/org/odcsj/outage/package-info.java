/**
 * What an outage of the database or of the message broker looks like from inside the service, and
 * waiting one out for work that must not be dropped. Knows no HTTP and no compose.
 */
package org.odcsj.outage;
