/**
 * The Artemis broker as the service sees it: the broker embedded in the zero-install run
 * (odcs.broker.embedded; off in production) and the generation queue's length, read by browsing.
 */
package org.odcsj.broker;
