package org.odcsj.generation;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.odcsj.config.OdcsConfig;
import org.odcsj.config.RawConfigUrls;
import org.odcsj.source.ComposeSource;
import org.odcsj.source.ComposeSourceGroup;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.koji.KojiHub;
import org.odcsj.source.koji.KojiHubSettings;
import org.odcsj.source.koji.KojiQueries;
import org.odcsj.source.koji.KojiSourceSettings;
import org.odcsj.source.koji.KojiSources;
import org.odcsj.source.koji.mbs.MbsSettings;
import org.odcsj.source.rawconfig.RawConfigEntry;
import org.odcsj.source.rawconfig.RawConfigSettings;
import org.odcsj.source.rawconfig.RawConfigSource;
import org.odcsj.source.repo.RepoSource;

/**
 * The sources this server offers, configured from the settings: the one class that names the
 * concrete sources. A new source type is one producer here ({@code source.ComposeSources} finds
 * them all; it holds them for the application's life, so they are made once).
 */
@ApplicationScoped
public class SourcePlugins {

  @Inject OdcsConfig config;

  @Produces
  @Dependent
  ComposeSource repo() {
    return new RepoSource(config.repoAllowedRoots(), config.repoAllowedUrlPrefixes());
  }

  /**
   * tag, build and pungi_compose, sharing one Koji client: only when a Koji hub is set; module too
   * when MBS is set.
   */
  @Produces
  @Dependent
  ComposeSourceGroup koji() {
    return new ComposeSourceGroup(
        kojiSettings().map(KojiSources::create).orElse(java.util.List.of()));
  }

  java.util.Optional<KojiSourceSettings> kojiSettings() {
    return config
        .kojiHubUrl()
        .map(
            hub ->
                new KojiSourceSettings(
                    KojiHubSettings.of(hub)
                        .withTimeouts(config.kojiConnectTimeout(), config.kojiReadTimeout())
                        .withRetries(config.kojiAttempts(), KojiHubSettings.BACKOFF),
                    config.kojiTopdir(),
                    config.kojiTopurl(),
                    java.util.Optional.of(config.rpmCacheDir()),
                    config.pungiComposeAllowedRoots()))
        .map(
            koji ->
                config
                    .mbsUrl()
                    .map(
                        mbs ->
                            koji.withMbs(
                                new MbsSettings(
                                    mbs,
                                    config.kojiConnectTimeout(),
                                    MbsSettings.READ_TIMEOUT,
                                    config.kojiAttempts(),
                                    MbsSettings.BACKOFF),
                                config.baseModuleNames(),
                                config.moduleDefaultsAllowedPrefixes()))
                    .orElse(koji));
  }

  /** raw_config: the configured Pungi configurations, run by the configured Pungi command. */
  @Produces
  @Dependent
  ComposeSource rawConfig() {
    java.util.Map<String, RawConfigEntry> entries = new java.util.LinkedHashMap<>();
    RawConfigUrls.parse(config.rawConfigUrlsJson())
        .forEach((name, entry) -> entries.put(name, RawConfigEntry.of(entry)));
    java.util.Optional<RawConfigSettings.LastKojiEvent> lastEvent =
        kojiSettings()
            .map(koji -> new KojiQueries(new KojiHub(koji.hub())))
            .map(queries -> () -> queries.lastEvent().id());
    return new RawConfigSource(
        new RawConfigSettings(
            entries,
            config.pungiKojiCommand(),
            config.pungiKojiArgs(),
            RawConfigUrls.argsByName(config.rawConfigPungiKojiArgsJson()),
            config.pungiTimeoutSeconds(),
            config.pungiConfigValidateCommand(),
            config.rawConfigSchemaOverride(),
            config.rawConfigWrapper(),
            lastEvent));
  }

  // Lookaside repositories are yum repositories whatever the compose's source.
  @Produces
  @Dependent
  LookasideRepos lookasideRepos() {
    return new RepoSource(config.repoAllowedRoots(), config.repoAllowedUrlPrefixes());
  }
}
