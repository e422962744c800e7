/**
 * The {@code repo} source: reads a yum repository's repomd.xml, primary and filelists — from a
 * local directory or over http(s) ({@link org.odcsj.source.repo.RepoLocation}) — and offers its
 * packages to the selection engine as candidates; {@link org.odcsj.fetch.PackageFetcher} downloads
 * a remote repository's selected RPMs. Plain Java SE ({@code java.net.http}): selects nothing,
 * writes no compose, and knows nothing of the container.
 */
package org.odcsj.source.repo;
