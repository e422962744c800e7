package org.odcsj.source.koji;

import java.time.Clock;
import java.util.List;
import org.odcsj.fetch.HttpFiles;
import org.odcsj.rpm.cache.RpmMetadataCache;
import org.odcsj.source.ComposeSource;
import org.odcsj.source.koji.pungicompose.PungiComposeReader;
import org.odcsj.source.koji.pungicompose.PungiComposeSettings;

/**
 * The Koji-backed sources — {@code tag}, {@code build}, {@code pungi_compose} — over one hub
 * client, one tag-event memory, one memory of tag listings and one RPM metadata cache, made once
 * for the server's life.
 */
public final class KojiSources {

  private KojiSources() {}

  public static List<ComposeSource> create(KojiSourceSettings settings) {
    KojiQueries koji = new KojiQueries(new KojiHub(settings.hub()));
    KojiTopdir topdir = settings.kojiTopdir();
    KojiRpmHeaders headers =
        new KojiRpmHeaders(
            settings.rpmCacheDir().map(dir -> new RpmMetadataCache(dir, Clock.systemUTC())));
    KojiPackageFiles files = new KojiPackageFiles(topdir, new HttpFiles());
    KojiComposer composer = new KojiComposer(koji, topdir, headers, files);
    KojiTagEvents events = new KojiTagEvents(koji);
    PungiComposeReader pungi =
        new PungiComposeReader(PungiComposeSettings.of(settings.pungiComposeAllowedRoots()));
    KojiBuildSource builds = new KojiBuildSource(composer);
    List<ComposeSource> sources =
        new java.util.ArrayList<>(
            List.of(
                new KojiTagSource(
                    events,
                    new KojiTagListings(koji),
                    composer,
                    new KojiModuleContents(
                        composer,
                        new ModuleDefaultsRepository(settings.moduleDefaultsAllowedPrefixes())),
                    settings.mbs()),
                builds,
                new PungiComposeSource(pungi, builds)));
    settings
        .mbs()
        .ifPresent(
            mbs ->
                sources.add(
                    new KojiModuleSource(
                        mbs,
                        composer,
                        java.util.Set.copyOf(settings.baseModuleNames()),
                        new ModuleDefaultsRepository(settings.moduleDefaultsAllowedPrefixes()))));
    return List.copyOf(sources);
  }
}
