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
import org.odcsj.source.pulp.DownloadedRepodata;
import org.odcsj.source.pulp.PulpSettings;
import org.odcsj.source.pulp.PulpSource;
import org.odcsj.source.rawconfig.RawConfigEntry;
import org.odcsj.source.rawconfig.RawConfigSettings;
import org.odcsj.source.rawconfig.RawConfigSource;
import org.odcsj.source.repo.RepoPackage;
import org.odcsj.source.repo.RepoSource;
import org.odcsj.source.repo.YumRepositoryContent;
import org.odcsj.source.repo.YumRepositoryReader;

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

  /**
   * pulp: only when a Pulp server is set; merged repositories are read by the repo source's reader.
   */
  @Produces
  @Dependent
  ComposeSourceGroup pulp() {
    return new ComposeSourceGroup(
        config
            .pulpUrl()
            .<java.util.List<ComposeSource>>map(
                url ->
                    java.util.List.of(
                        new PulpSource(
                            new PulpSettings(
                                url,
                                config.pulpUsername(),
                                config.pulpPassword(),
                                PulpSettings.TIMEOUT),
                            SourcePlugins::readDownloadedRepodata)))
            .orElse(java.util.List.of()));
  }

  /** A downloaded Pulp repository read by the repo source's reader (public for tests). */
  public static DownloadedRepodata.Listing readDownloadedRepodata(java.nio.file.Path dir)
      throws java.io.IOException {
    YumRepositoryContent content = YumRepositoryReader.readWithDetails(dir, file -> false);
    return new DownloadedRepodata.Listing(
        content.packages().stream()
            .map(RepoPackage::source)
            .map(
                p ->
                    new DownloadedRepodata.Listed(
                        p.name(), p.epoch(), p.version(), p.release(), p.arch(), p.checksum()))
            .toList(),
        content.repodata());
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
