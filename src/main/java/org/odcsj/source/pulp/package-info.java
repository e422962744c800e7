/**
 * The {@code pulp} source: finds content sets (or repository ids) in a Pulp 2 server, writes the
 * compose's .repo file pointing at Pulp, and merges a content set's repositories into one per arch
 * when their URLs differ by more than the arch (repodata only, packages stay in Pulp). Plain Java
 * SE ({@code java.net.http}, JSON-P): knows neither the container nor the other sources.
 */
package org.odcsj.source.pulp;
