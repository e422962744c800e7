package org.odcsj.generation;

import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.odcsj.config.OdcsConfig;
import org.odcsj.source.ComposeSource;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.repo.RepoSource;

/**
 * The sources this server offers, configured from the settings: the one class that names the
 * concrete sources. A new source type is one producer here ({@code source.ComposeSources} finds
 * them all; it holds them for the application's life, so they are made once).
 */
@Dependent
public class SourcePlugins {

  @Inject OdcsConfig config;

  @Produces
  @Dependent
  ComposeSource repo() {
    return new RepoSource(config.repoAllowedRoots(), config.repoAllowedUrlPrefixes());
  }

  // Lookaside repositories are yum repositories whatever the compose's source.
  @Produces
  @Dependent
  LookasideRepos lookasideRepos() {
    return new RepoSource(config.repoAllowedRoots(), config.repoAllowedUrlPrefixes());
  }
}
