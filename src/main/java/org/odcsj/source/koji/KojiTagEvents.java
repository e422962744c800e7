package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Koji event a {@code tag} compose is frozen at, and whether a tag changed since an event.
 *
 * <p>As ODCS does, the event used for each tag is remembered (in this instance's memory) and used
 * again while neither the tag nor any tag it inherits from changed since: consecutive composes of
 * an unchanged tag get the same event, so the later ones can reuse the first. A new {@code
 * getLastEvent()} is taken only when {@code tagChangedSinceEvent} says so. A request's own {@code
 * koji_event} is used as it is and leaves the memory alone. Thread-safe.
 */
public final class KojiTagEvents {
  private final KojiQueries koji;
  private final Map<String, Long> lastEvents = new ConcurrentHashMap<>();

  public KojiTagEvents(KojiQueries koji) {
    this.koji = koji;
  }

  /**
   * The event to compose {@code tag} at: {@code requested} when the request named one, else the
   * remembered event if the tag is unchanged since, else Koji's last event.
   *
   * @throws KojiNotFound {@code Unknown Koji tag <tag>.} when Koji has no such tag
   */
  public long eventFor(String tag, Long requested) {
    KojiTag info = koji.tag(tag, null).orElseThrow(() -> KojiNotFound.tag(tag));
    if (requested != null) {
      return requested;
    }
    Long cached = lastEvents.get(tag);
    if (cached != null && !koji.tagChangedSinceEvent(cached, tagAndAncestors(info))) {
      return cached;
    }
    long event = koji.lastEvent().id();
    // two composes racing here may both ask Koji; keep the newer answer, never go back
    return lastEvents.merge(tag, event, Math::max);
  }

  /**
   * Whether the tag, or any tag it inherits from (as its inheritance is now), changed after {@code
   * event}: a tagging or untagging, an inheritance or package-list change, a config change.
   *
   * @throws KojiNotFound when Koji has no such tag
   */
  public boolean changedSince(String tag, long event) {
    KojiTag info = koji.tag(tag, null).orElseThrow(() -> KojiNotFound.tag(tag));
    return koji.tagChangedSinceEvent(event, tagAndAncestors(info));
  }

  /**
   * Whether a new request for {@code tag} (at {@code requested}, or "now" when null) may reuse a
   * compose of the same tag made at {@code composed}. Never a compose made at a later event than
   * the request asks for: a renewal of an old compose must get the old content, not a newer one.
   * The same event means the same content. Otherwise only if the tag is unchanged since.
   */
  public boolean mayReuse(String tag, long composed, Long requested) {
    if (!KojiEventOrder.mayReuse(composed, requested)) {
      return false;
    }
    if (requested != null && requested == composed) {
      return true; // Koji's content at one event never changes
    }
    return !changedSince(tag, composed);
  }

  /** The tag's id and the ids of every tag in its full inheritance, as Koji's hub lists them. */
  List<Long> tagAndAncestors(KojiTag tag) {
    List<Long> ids = new ArrayList<>();
    ids.add(tag.id());
    for (KojiInheritance parent : koji.fullInheritance(tag.id(), null)) {
      ids.add(parent.parentId());
    }
    return ids;
  }
}
