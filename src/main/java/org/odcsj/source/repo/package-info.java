/**
 * The {@code repo} source: reads a local yum repository's repomd.xml, primary and filelists, and
 * offers its packages to the selection engine as candidates. Plain Java SE: selects nothing, writes
 * nothing, and knows nothing of HTTP or the container.
 */
package org.odcsj.source.repo;
