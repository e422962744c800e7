package org.odcsj.selection;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.odcsj.selection.ArchPolicy.Group;
import org.odcsj.selection.PackageSet.Entry;

/**
 * The package set as one arch's repository sees it: per name one native-or-noarch package (the
 * newest; on a tie the native one) and, for a multilib arch, one compat package; and the provider a
 * user's dnf would pick among them.
 */
final class ArchView {
  final String arch;
  final List<Entry> entries;
  final ProviderIndex pool;
  final ProviderIndex lookaside;
  private final ArchPolicy policy;
  private final Group[] groups;
  private final boolean[] visible;
  final Map<String, Entry> nativeByName = new HashMap<>();
  final Map<String, Entry> compatByName = new HashMap<>();

  ArchView(
      String arch, ArchPolicy policy, List<Entry> entries, ProviderIndex pool, ProviderIndex la) {
    this.arch = arch;
    this.policy = policy;
    this.entries = entries;
    this.pool = pool;
    this.lookaside = la;
    this.groups = new Group[entries.size()];
    this.visible = new boolean[entries.size()];
    for (Entry e : entries) {
      Group g = policy.group(e.arch());
      groups[e.id()] = g;
      if (g != Group.NONE) {
        (g == Group.COMPAT ? compatByName : nativeByName).merge(e.name(), e, this::better);
      }
    }
    nativeByName.values().forEach(e -> visible[e.id()] = true);
    compatByName.values().forEach(e -> visible[e.id()] = true);
  }

  private Entry better(Entry a, Entry b) {
    int c = a.candidate().evr().compareTo(b.candidate().evr());
    if (c == 0) {
      c = Integer.compare(policy.rankInGroup(b.arch()), policy.rankInGroup(a.arch()));
    }
    return c >= 0 ? a : b;
  }

  Group group(int id) {
    return groups[id];
  }

  boolean isVisible(int id) {
    return visible[id];
  }

  /**
   * The provider dnf would pick for a requirement of a package in group {@code requirer}, among
   * visible packages accepted by {@code filter}: same arch kind as the requirer before noarch
   * before the other kind, then a package named like the capability, then the newest, then the
   * shorter name; {@code null} if none.
   */
  Entry bestProvider(Capability requirement, Group requirer, IntPredicate filter) {
    Entry[] best = {null};
    Comparator<Entry> order = preference(requirement.name(), requirer);
    pool.forEachProvider(
        requirement,
        id -> {
          if (visible[id] && filter.test(id)) {
            Entry e = entries.get(id);
            if (best[0] == null || order.compare(e, best[0]) < 0) {
              best[0] = e;
            }
          }
          return true;
        });
    return best[0];
  }

  private Comparator<Entry> preference(String capabilityName, Group requirer) {
    Group own = requirer == Group.COMPAT ? Group.COMPAT : Group.NATIVE;
    return Comparator.<Entry>comparingInt(
            e -> groups[e.id()] == own ? 0 : groups[e.id()] == Group.NOARCH ? 1 : 2)
        .thenComparingInt(e -> e.name().equals(capabilityName) ? 0 : 1)
        .thenComparing((a, b) -> b.candidate().evr().compareTo(a.candidate().evr()))
        .thenComparingInt(e -> policy.rankInGroup(e.arch()))
        .thenComparingInt(e -> e.name().length())
        .thenComparing(Entry::name);
  }
}
