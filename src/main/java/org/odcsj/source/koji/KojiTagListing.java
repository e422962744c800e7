package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A tag's {@code listTaggedRPMS(tag, event, inherit, latest=True)} answer, kept with the full
 * inheritance it was read under, so a later event's listing can be derived from it.
 */
record KojiTagListing(
    long tagId,
    long event,
    boolean inherit,
    List<KojiInheritance> inheritance,
    KojiTaggedRpms tagged) {

  /**
   * The listing at {@code newEvent}: the builds (and their RPMs) of every package in {@code
   * relisted} replaced by what Koji lists for that package at the new event — with {@code
   * latest=True} each package's entry depends on nothing but that package's listings and package
   * list entries along the inheritance.
   */
  KojiTagListing replacing(long newEvent, Map<String, KojiTaggedRpms> relisted) {
    Set<String> names = relisted.keySet();
    List<KojiBuild> builds = new ArrayList<>();
    Set<Long> kept = new HashSet<>();
    for (KojiBuild b : tagged.builds()) {
      if (!names.contains(b.packageName())) {
        builds.add(b);
        kept.add(b.id());
      }
    }
    List<KojiRpm> rpms = new ArrayList<>();
    for (KojiRpm r : tagged.rpms()) {
      if (kept.contains(r.buildId())) {
        rpms.add(r);
      }
    }
    boolean drafts = false;
    for (KojiTaggedRpms one : relisted.values()) {
      builds.addAll(one.builds());
      rpms.addAll(one.rpms());
      drafts |= one.drafts();
    }
    return new KojiTagListing(
        tagId,
        newEvent,
        inherit,
        inheritance,
        new KojiTaggedRpms(List.copyOf(rpms), List.copyOf(builds), drafts));
  }
}
