/**
 * The Artemis broker embedded in the zero-install run (odcs.broker.embedded); off in production.
 */
package org.odcsj.broker;
