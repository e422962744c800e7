/**
 * A read-only Koji client: XML-RPC over {@code java.net.http} with a StAX codec, multiCall
 * batching, typed results, the topdir/topurl layout and payloadhash checks of RPM files. Plain Java
 * SE: selects nothing, writes no compose, and knows nothing of the container.
 */
package org.odcsj.source.koji;
