/**
 * The Java client of the ODCS API: plain Java 17 ({@code java.net.http}, JSON-P), no server code
 * and no application server. It must not depend on any other {@code org.odcsj} package.
 */
package org.odcsj.client;
