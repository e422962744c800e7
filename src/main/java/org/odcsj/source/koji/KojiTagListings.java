package org.odcsj.source.koji;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tag listings ({@code listTaggedRPMS(tag, event, inherit, latest=True)}) of the last few tags
 * composed, kept in memory so the next compose of a tag at a newer event asks Koji only for what
 * changed: the package names whose listings or package-list entries changed in any tag of the
 * inheritance since ({@code queryHistory}), each listed again by name through {@code multiCall}. A
 * listing of ~5,000 RPMs takes the hub a second or more; a handful of names, milliseconds.
 *
 * <p>Correctness first — the full listing is read whenever the shortcut could differ from it: the
 * inheritance changed (its history, or {@code getFullInheritance} differs), Koji recorded a change
 * the history tables do not show (a {@code tagFirstChangeEvent} outside them: RPMs imported into a
 * tagged build, a draft promoted), the listing has draft builds, the history is too long, or the
 * hub cannot answer those calls. Thread-safe.
 */
public final class KojiTagListings {
  /** Tags remembered at most. */
  static final int REMEMBERED = 8;

  /**
   * RPMs remembered at most, all tags together: a listing holds ~0.5 KB per RPM, and a
   * distribution's tag with every arch has 100,000 or more. The least recently used go first.
   */
  static final int REMEMBERED_RPMS = 300_000;

  /** History rows per table and tag beyond which the full listing is read instead. */
  static final int HISTORY_LIMIT = 2000;

  /** Package names beyond which re-listing each costs the hub about as much as one full listing. */
  static final int MAX_RELISTED = 500;

  /** Every table {@code tagFirstChangeEvent} looks at, so each change it reports can be matched. */
  static final List<String> TABLES =
      List.of(
          KojiHistoryRow.LISTING,
          KojiHistoryRow.PACKAGES,
          KojiHistoryRow.INHERITANCE,
          "tag_config",
          "tag_extra",
          "tag_external_repos",
          "group_config",
          "group_req_listing",
          "group_package_listing");

  /** The listing, and how it was read (for the compose's log). */
  public record Listed(KojiTaggedRpms tagged, String how) {}

  private final KojiQueries koji;
  private final Map<String, KojiTagListing> remembered = new LinkedHashMap<>(16, 0.75f, true);

  public KojiTagListings(KojiQueries koji) {
    this.koji = koji;
  }

  /**
   * Exactly what {@code listTaggedRPMS(tag, event, inherit, latest=True)} answers.
   *
   * @throws KojiNotFound when Koji has no such tag
   */
  public Listed list(String tag, long event, boolean inherit) {
    KojiTag info = koji.tag(tag, null).orElseThrow(() -> KojiNotFound.tag(tag));
    List<KojiInheritance> inheritance = koji.fullInheritance(info.id(), event);
    String key = info.id() + (inherit ? "+inherit" : "");
    KojiTagListing before = recall(key);
    String head = "Koji listing of tag " + tag + " at event " + event + ": ";
    String why;
    if (before == null) {
      why = "none remembered";
    } else if (before.tagged().drafts()) {
      why = "the remembered one has draft builds"; // promoting one changes it in place
    } else if (before.event() == event) {
      return new Listed(before.tagged(), head + "remembered from an earlier compose");
    } else if (before.event() > event) {
      why = "the remembered one is at a later event " + before.event();
    } else if (!before.inheritance().equals(inheritance)) {
      why = "the inheritance changed since event " + before.event();
    } else {
      Incremental step = incremental(tag, info.id(), before, event, inheritance);
      if (step.listing() != null) {
        remember(key, step.listing());
        return new Listed(
            step.listing().tagged(),
            head
                + "incremental from event "
                + before.event()
                + ", "
                + step.relisted()
                + " package names re-listed");
      }
      why = step.why();
    }
    KojiTaggedRpms full = koji.taggedRpms(tag, event, inherit, true, null, null);
    remember(key, new KojiTagListing(info.id(), event, inherit, inheritance, full));
    return new Listed(full, head + "full (" + why + ")");
  }

  private record Incremental(KojiTagListing listing, int relisted, String why) {
    static Incremental no(String why) {
      return new Incremental(null, 0, why);
    }
  }

  private Incremental incremental(
      String tag, long tagId, KojiTagListing before, long event, List<KojiInheritance> chain) {
    Set<Long> tagIds = new LinkedHashSet<>();
    tagIds.add(tagId);
    chain.forEach(link -> tagIds.add(link.parentId()));
    Optional<Set<String>> names;
    try {
      names = changedNames(tagId, tagIds, before.event(), event);
    } catch (KojiFault f) {
      // e.g. a hub older than Koji 1.35 has no tagFirstChangeEvent
      return Incremental.no("the hub cannot tell what changed: " + f.getMessage());
    }
    if (names.isEmpty()) {
      return Incremental.no("Koji changed the tags in a way their history does not show");
    }
    if (names.get().size() > MAX_RELISTED) {
      return Incremental.no(names.get().size() + " package names changed");
    }
    Map<String, KojiTaggedRpms> relisted =
        koji.taggedRpmsOfPackages(tag, event, before.inherit(), names.get());
    return new Incremental(before.replacing(event, relisted), relisted.size(), null);
  }

  /**
   * The package names whose listings or package-list entries changed after {@code after} up to
   * {@code upTo} in any of the tags; empty when that does not tell everything that changed: the
   * inheritance of one of them changed, the history was cut at the limit, or Koji reports a change
   * at an event none of these rows has (its tag_updates: RPMs imported into a tagged build, a draft
   * promoted, a build moved to another volume).
   */
  private Optional<Set<String>> changedNames(long tagId, Set<Long> tagIds, long after, long upTo) {
    KojiTagHistory history = koji.tagHistory(tagIds, TABLES, after, upTo, HISTORY_LIMIT);
    if (history.truncated()) {
      return Optional.empty();
    }
    Set<String> names = new LinkedHashSet<>();
    Set<Long> events = new HashSet<>();
    for (KojiHistoryRow row : history.rows()) {
      if (!row.changedWithin(after, upTo)) {
        continue;
      }
      if (row.table().equals(KojiHistoryRow.INHERITANCE) && tagIds.contains(row.tagId())) {
        return Optional.empty();
      }
      if (row.packageName() != null) {
        names.add(row.packageName());
      }
      events.add(row.createEvent());
      if (row.revokeEvent() != null) {
        events.add(row.revokeEvent());
      }
    }
    // walk every change Koji knows of, in order: each must be one the rows above explain
    long from = after;
    for (int step = 0; step <= events.size(); step++) {
      Optional<Long> next = koji.firstChangeEvent(tagId, from);
      if (next.isEmpty() || next.get() > upTo) {
        return Optional.of(names);
      }
      if (!events.contains(next.get())) {
        return Optional.empty();
      }
      from = next.get();
    }
    return Optional.empty();
  }

  private synchronized KojiTagListing recall(String key) {
    return remembered.get(key);
  }

  /** Keeps the newer of two listings of a tag: the next compose most likely comes after both. */
  private synchronized void remember(String key, KojiTagListing listing) {
    KojiTagListing old = remembered.get(key);
    if (old == null || old.event() <= listing.event()) {
      remembered.put(key, listing);
    }
    long rpms = 0;
    for (KojiTagListing l : remembered.values()) {
      rpms += l.tagged().rpms().size();
    }
    var eldest = remembered.entrySet().iterator();
    while (remembered.size() > REMEMBERED || (rpms > REMEMBERED_RPMS && eldest.hasNext())) {
      rpms -= eldest.next().getValue().tagged().rpms().size();
      eldest.remove();
    }
  }
}
