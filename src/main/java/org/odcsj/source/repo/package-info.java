/**
 * The {@code repo} source: reads a local yum repository's repomd.xml and primary metadata. Plain
 * Java SE: selects nothing, writes nothing, and knows nothing of HTTP or the container.
 */
package org.odcsj.source.repo;
