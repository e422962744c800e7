package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.modulemd.Nsvc;
import org.odcsj.source.InvalidSourceRequest;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.PackageContent;
import org.odcsj.source.PackageSource;
import org.odcsj.source.Resolution;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;
import org.odcsj.source.koji.mbs.MbsClient;
import org.odcsj.source.koji.mbs.MbsSettings;
import org.odcsj.source.koji.mbs.ModuleResolver;
import org.odcsj.source.koji.mbs.ResolvedModule;

/**
 * The {@code tag} source: a Koji tag with its inheritance (unless {@code no_inheritance}), frozen
 * at a Koji event — the request's, else the one remembered for the tag while it is unchanged, so
 * consecutive composes of an unchanged tag are reused — plus {@code builds} on top and the RPMs of
 * {@code scratch_build_tasks}. The event is the fingerprint: the same event, the same content.
 * {@code scratch_modules} (MBS scratch builds) are added with their artifacts and modulemd, as the
 * modules of {@code modular_koji_tags} are.
 */
final class KojiTagSource implements PackageSource {

  private final KojiTagEvents events;
  private final KojiTagListings listings;
  private final KojiComposer composer;
  private final KojiModuleContents modules;
  private final Optional<MbsSettings> mbs;
  private final ResolvedModules scratchModules = new ResolvedModules();

  KojiTagSource(
      KojiTagEvents events,
      KojiTagListings listings,
      KojiComposer composer,
      KojiModuleContents modules,
      Optional<MbsSettings> mbs) {
    this.events = events;
    this.listings = listings;
    this.composer = composer;
    this.modules = modules;
    this.mbs = mbs;
  }

  @Override
  public SourceType type() {
    return SourceType.TAG;
  }

  @Override
  public void validate(ComposeSpec spec) throws InvalidSourceRequest {
    if (spec.source() == null || spec.source().isBlank() || spec.source().contains(" ")) {
      throw new InvalidSourceRequest(
          "\"source\" of a tag compose must be one Koji tag, not \"" + spec.source() + "\"");
    }
    KojiBuildSource.checkScratchTasks(spec);
    ScratchModules.validate(spec);
    if (!SpaceJoined.items(spec.scratchModules()).isEmpty() && mbs.isEmpty()) {
      throw new InvalidSourceRequest(
          "\"scratch_modules\" need MBS, and this server has none (odcs.mbs.url)");
    }
  }

  @Override
  public Resolution resolve(ComposeSpec spec, SourceLog log) throws SourceFailure {
    boolean hybrid = !SpaceJoined.items(spec.modularKojiTags()).isEmpty();
    long event;
    try {
      // The remembered event follows the tag only; with modular tags too it is always the last.
      event =
          hybrid && spec.kojiEvent() == null
              ? composer.koji().lastEvent().id()
              : events.eventFor(spec.source(), spec.kojiEvent());
    } catch (KojiNotFound | KojiException e) {
      throw new SourceFailure(e.getMessage(), e);
    }
    log.info("Koji tag " + spec.source() + " at event " + event);
    ComposeSpec resolved = spec.toBuilder().kojiEvent(event).build();
    // Looked up now, so an unknown one fails the compose before anything is read; used by open.
    scratchModules.remember(resolved, scratchModules(resolved, log));
    if (hybrid) {
      return new Resolution(resolved, () -> fingerprint(event));
    }
    // As ODCS: an older compose of the tag is reused while the tag (with its inheritance) has not
    // changed since its event, never one newer than the request's own event — also after a
    // restart, when the event memory is empty.
    return new Resolution(
        resolved,
        () -> fingerprint(event),
        older -> {
          Long olderEvent = eventOf(older);
          if (olderEvent == null) {
            return false;
          }
          try {
            return events.mayReuse(spec.source(), olderEvent, spec.kojiEvent());
          } catch (KojiNotFound | KojiException e) {
            throw new SourceFailure(e.getMessage(), e);
          }
        });
  }

  /** The event of a tag compose's fingerprint, or null when it is none. */
  private static Long eventOf(String fingerprint) {
    if (!fingerprint.startsWith(FINGERPRINT_PREFIX)) {
      return null;
    }
    try {
      return Long.parseLong(fingerprint.substring(FINGERPRINT_PREFIX.length()));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Override
  public PackageContent open(ComposeSpec resolved, SourceLog log, LookasideRepos lookaside)
      throws SourceFailure {
    KojiPackageSet set;
    try {
      long start = System.nanoTime();
      KojiTagListings.Listed listed =
          listings.list(
              resolved.source(),
              resolved.kojiEvent(),
              !resolved.hasFlag(ComposeFlag.NO_INHERITANCE));
      log.info(listed.how() + String.format(" (%.3f s)", (System.nanoTime() - start) / 1e9));
      set =
          new KojiPackageSetReader(composer.koji())
              .ofTag(
                  listed.tagged(),
                  SpaceJoined.items(resolved.builds()),
                  KojiBuildSource.scratchTasks(resolved));
    } catch (KojiNotFound | KojiException e) {
      throw new SourceFailure(e.getMessage(), e);
    }
    KojiContent content =
        composer.content(resolved, set, fingerprint(resolved.kojiEvent()), log, lookaside);
    List<String> modularTags = SpaceJoined.items(resolved.modularKojiTags());
    try {
      List<ResolvedModule> scratch = scratchModules.take(resolved).orElse(null);
      if (scratch == null) {
        scratch = scratchModules(resolved, log);
      }
      if (modularTags.isEmpty() && scratch.isEmpty()) {
        return content;
      }
      List<ResolvedModule> added = new ArrayList<>();
      if (!modularTags.isEmpty()) {
        added.addAll(modules.newestOfModularTags(modularTags, resolved.kojiEvent()));
        log.info(
            "Koji: "
                + added.size()
                + " module builds from the modular tags "
                + String.join(", ", modularTags));
      }
      Set<Nsvc> have = new HashSet<>();
      added.forEach(m -> have.add(m.nsvc()));
      scratch.stream().filter(m -> !have.contains(m.nsvc())).forEach(added::add);
      return new KojiHybridContent(content, modules.open(resolved, added, log, lookaside));
    } catch (SourceFailure | RuntimeException e) {
      content.close();
      throw e;
    }
  }

  /** The request's scratch modules from MBS, one query each; none without any. */
  private List<ResolvedModule> scratchModules(ComposeSpec spec, SourceLog log)
      throws SourceFailure {
    List<Nsvc> items = KojiModuleSource.nsvcs(SpaceJoined.text(spec.scratchModules()));
    if (items.isEmpty()) {
      return List.of();
    }
    MbsClient client =
        new MbsClient(
            mbs.orElseThrow(
                () -> new SourceFailure("scratch_modules need MBS, and this server has none")));
    List<ResolvedModule> found = new ModuleResolver(client).scratch(items);
    log.info(
        "MBS: scratch modules "
            + ModuleResolver.source(found)
            + " ("
            + client.requests()
            + " requests)");
    return found;
  }

  private static final String FINGERPRINT_PREFIX = "koji-event ";

  private static String fingerprint(long event) {
    return FINGERPRINT_PREFIX + event;
  }
}
