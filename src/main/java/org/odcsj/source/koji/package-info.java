/**
 * Koji for the {@code tag} and {@code build} sources: a read-only client (XML-RPC over {@code
 * java.net.http} with a StAX codec, multiCall batching, typed results, the topdir/topurl layout,
 * payloadhash checks) and the source logic on top of it — the event a tag is composed at and the
 * reuse question ({@link KojiTagEvents}), the tag listings remembered to be read again
 * incrementally ({@link KojiTagListings}), the package set of a tag, builds and scratch-build tasks
 * ({@link KojiPackageSetReader}), the signed copy of each RPM ({@link KojiSignedCopies}). Plain
 * Java SE: selects nothing, writes no compose, and knows nothing of the container.
 */
package org.odcsj.source.koji;
