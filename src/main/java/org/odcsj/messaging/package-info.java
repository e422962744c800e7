/**
 * State-changed events on the message bus, sent in the transaction of the change (XA through the
 * resource adapter): published if and only if the change commits.
 */
package org.odcsj.messaging;
