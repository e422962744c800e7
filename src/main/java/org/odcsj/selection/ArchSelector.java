package org.odcsj.selection;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.odcsj.selection.ArchPolicy.Group;
import org.odcsj.selection.PackageSet.Entry;
import org.odcsj.selection.Selection.Reason;
import org.odcsj.selection.Selection.UnmetRequirement;

/**
 * Selects one arch's packages: the requested ones, their dependency closure (unless no_deps), and
 * compat-arch packages by the multilib rule — repeated until nothing is added, since multilib
 * packages bring dependencies of their own.
 */
final class ArchSelector {
  /** One arch's outcome, entries sorted by NEVRA. */
  record Result(
      String arch, List<Entry> entries, List<Reason> reasons, List<UnmetRequirement> unmet) {}

  private final ArchView view;
  private final SelectionRequest request;
  private final MultilibRule multilib;
  private final DependencyClosure closure;
  private final List<String> warnings;

  ArchSelector(ArchView view, SelectionRequest request, RichDependencies rich, List<String> warn) {
    this.view = view;
    this.request = request;
    this.multilib =
        new MultilibRule(
            request.multilibArches().contains(view.arch) ? request.multilibMethods() : Set.of());
    this.closure = new DependencyClosure(view, rich);
    this.warnings = warn;
  }

  Result run() {
    Set<String> requestedCompat = new TreeSet<>();
    for (String name : requestedNames(requestedCompat)) {
      closure.add(view.nativeByName.get(name), Reason.REQUESTED);
    }
    if (!request.noDeps()) {
      closure.close();
    }
    while (addMultilib(requestedCompat) && !request.noDeps()) {
      closure.close();
    }
    List<Entry> entries = new ArrayList<>(closure.selected());
    entries.sort(Comparator.comparing(Entry::nevra));
    return new Result(
        view.arch, entries, entries.stream().map(closure::reason).toList(), closure.unmet());
  }

  /**
   * The native/noarch names {@code packages} asks for (all when it is empty), sorted; the compat
   * names it matches go to {@code compat}.
   */
  private Set<String> requestedNames(Set<String> compat) {
    if (request.packages().isEmpty()) {
      compat.addAll(view.compatByName.keySet());
      return new TreeSet<>(view.nativeByName.keySet());
    }
    Set<String> names = new TreeSet<>();
    for (String pattern : request.packages()) {
      List<String> nativeMatches = matching(pattern, view.nativeByName.keySet());
      List<String> compatMatches = matching(pattern, view.compatByName.keySet());
      names.addAll(nativeMatches);
      compat.addAll(compatMatches);
      if (nativeMatches.isEmpty() && compatMatches.isEmpty()) {
        warnings.add("no package matches " + pattern + " for " + view.arch);
      }
    }
    return names;
  }

  private static List<String> matching(String pattern, Set<String> names) {
    if (!PackagePatterns.isGlob(pattern)) {
      return names.contains(pattern) ? List.of(pattern) : List.of();
    }
    Predicate<String> matches = PackagePatterns.matcher(pattern);
    return names.stream().filter(matches).toList();
  }

  /**
   * Adds the compat package of each selected native package's name (and of each requested compat
   * name) that the multilib rule accepts; whether any was added.
   */
  private boolean addMultilib(Set<String> requestedCompat) {
    if (multilib.isEmpty()) {
      return false;
    }
    Set<String> names = new TreeSet<>(requestedCompat);
    for (Entry e : closure.selected()) {
      if (view.group(e.id()) == Group.NATIVE) {
        names.add(e.name());
      }
    }
    boolean added = false;
    for (String name : names) {
      Entry compat = view.compatByName.get(name);
      if (compat != null && !closure.isSelected(compat) && multilib.accepts(compat.candidate())) {
        added |= closure.add(compat, Reason.MULTILIB);
      }
    }
    return added;
  }
}
