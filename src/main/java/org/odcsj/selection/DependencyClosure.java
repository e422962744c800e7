package org.odcsj.selection;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.odcsj.selection.ArchPolicy.Group;
import org.odcsj.selection.PackageSet.Entry;
import org.odcsj.selection.RichDependency.Atom;
import org.odcsj.selection.RichDependency.Conditional;
import org.odcsj.selection.RichDependency.Or;
import org.odcsj.selection.RichDependency.With;
import org.odcsj.selection.RichDependency.Without;
import org.odcsj.selection.Selection.Reason;
import org.odcsj.selection.Selection.UnmetRequirement;

/**
 * One arch's selected packages and their closure over Requires: each requirement not yet met by the
 * selection or the lookaside gets the provider {@link ArchView#bestProvider} names. Rich
 * dependencies: {@code and}, {@code or} (first alternative that can be met), {@code with}, {@code
 * without}, and {@code if}/{@code unless} (re-examined until nothing changes, since a condition may
 * become true later).
 */
final class DependencyClosure {
  private record Pending(Entry requirer, RichDependency dependency) {}

  private final ArchView view;
  private final RichDependencies rich;
  private final Reason[] reasons;
  private final List<Entry> selected = new ArrayList<>();
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private final List<Pending> conditionals = new ArrayList<>();

  DependencyClosure(ArchView view, RichDependencies rich) {
    this.view = view;
    this.rich = rich;
    this.reasons = new Reason[view.entries.size()];
  }

  boolean add(Entry e, Reason reason) {
    if (reasons[e.id()] != null) {
      return false;
    }
    reasons[e.id()] = reason;
    selected.add(e);
    queue.add(e);
    return true;
  }

  boolean isSelected(Entry e) {
    return reasons[e.id()] != null;
  }

  Reason reason(Entry e) {
    return reasons[e.id()];
  }

  List<Entry> selected() {
    return selected;
  }

  /** Adds providers until every requirement that can be met is met. */
  void close() {
    boolean changed = true;
    while (changed) {
      while (!queue.isEmpty()) {
        Entry e = queue.poll();
        for (Capability requirement : e.candidate().requires()) {
          require(e, requirement);
        }
      }
      changed = false;
      for (int i = 0; i < conditionals.size(); i++) { // grows while we resolve
        Pending p = conditionals.get(i);
        changed |= resolve(p.dependency(), p.requirer());
      }
    }
  }

  private void require(Entry requirer, Capability requirement) {
    if (requirement.isRich()) {
      RichDependency d = rich.get(requirement);
      if (d != null) {
        if (RichDependencies.hasConditional(d)) {
          conditionals.add(new Pending(requirer, d));
        }
        resolve(d, requirer);
      }
    } else {
      resolve(new Atom(requirement), requirer);
    }
  }

  /** Every requirement of the selection that the selection plus lookaside does not meet. */
  List<UnmetRequirement> unmet() {
    List<UnmetRequirement> unmet = new ArrayList<>();
    for (Entry e : selected) {
      for (Capability requirement : e.candidate().requires()) {
        RichDependency d = requirement.isRich() ? rich.get(requirement) : new Atom(requirement);
        if (d == null || !isMet(d)) {
          unmet.add(new UnmetRequirement(e.candidate().nevra(), requirement));
        }
      }
    }
    return unmet;
  }

  // --- met: by the selection or the lookaside ---

  boolean isMet(RichDependency d) {
    if (d instanceof Atom a) {
      return !view.pool.forEachProvider(a.capability(), id -> reasons[id] == null)
          || (view.lookaside != null && view.lookaside.hasProvider(a.capability()));
    }
    if (d instanceof RichDependency.And and) {
      return and.parts().stream().allMatch(this::isMet);
    }
    if (d instanceof Or or) {
      return or.parts().stream().anyMatch(this::isMet);
    }
    if (d instanceof Conditional c) {
      RichDependency needed = holds(c) ? c.then() : c.otherwise();
      return needed == null || isMet(needed);
    }
    IntPredicate onePackage = onePackageFilter(d);
    if (onePackage == null) {
      return isMet(relaxed(d));
    }
    Capability first = firstAtom(d);
    return !view.pool.forEachProvider(first, id -> reasons[id] == null || !onePackage.test(id))
        || lookasideHasOne(d);
  }

  private boolean holds(Conditional c) {
    return isMet(c.condition()) != c.negated();
  }

  // --- can be met by adding visible packages ---

  private boolean canMeet(RichDependency d) {
    if (isMet(d)) {
      return true;
    }
    if (d instanceof Atom a) {
      return view.bestProvider(a.capability(), Group.NATIVE, id -> true) != null;
    }
    if (d instanceof RichDependency.And and) {
      return and.parts().stream().allMatch(this::canMeet);
    }
    if (d instanceof Or or) {
      return or.parts().stream().anyMatch(this::canMeet);
    }
    if (d instanceof Conditional c) {
      RichDependency needed = holds(c) ? c.then() : c.otherwise();
      return needed == null || canMeet(needed);
    }
    IntPredicate onePackage = onePackageFilter(d);
    return onePackage == null
        ? canMeet(relaxed(d))
        : view.bestProvider(firstAtom(d), Group.NATIVE, onePackage) != null;
  }

  /** Adds what {@code d} needs; whether anything was added. */
  private boolean resolve(RichDependency d, Entry requirer) {
    if (isMet(d)) {
      return false;
    }
    Group group = view.group(requirer.id());
    if (d instanceof Atom a) {
      return addProvider(view.bestProvider(a.capability(), group, id -> true));
    }
    if (d instanceof RichDependency.And and) {
      boolean added = false;
      for (RichDependency part : and.parts()) {
        added |= resolve(part, requirer);
      }
      return added;
    }
    if (d instanceof Or or) {
      for (RichDependency part : or.parts()) {
        if (canMeet(part)) {
          return resolve(part, requirer);
        }
      }
      return false;
    }
    if (d instanceof Conditional c) {
      RichDependency needed = holds(c) ? c.then() : c.otherwise();
      return needed != null && resolve(needed, requirer);
    }
    IntPredicate onePackage = onePackageFilter(d);
    return onePackage == null
        ? resolve(relaxed(d), requirer)
        : addProvider(view.bestProvider(firstAtom(d), group, onePackage));
  }

  private boolean addProvider(Entry provider) {
    return provider != null && add(provider, Reason.DEPENDENCY);
  }

  // --- with / without: one package must provide all parts (or the first but not the second) ---

  /** For {@code with}/{@code without} over plain capabilities, which pool packages qualify. */
  private IntPredicate onePackageFilter(RichDependency d) {
    if (d instanceof With w && w.parts().stream().allMatch(p -> p instanceof Atom)) {
      return id -> w.parts().stream().allMatch(p -> provides(view.pool, id, (Atom) p));
    }
    if (d instanceof Without w && w.wanted() instanceof Atom && w.excluded() instanceof Atom x) {
      return id -> !provides(view.pool, id, x);
    }
    return null;
  }

  /** {@code with}/{@code without} over nested groups, judged part by part (an approximation). */
  private static RichDependency relaxed(RichDependency d) {
    return d instanceof With w ? new RichDependency.And(w.parts()) : ((Without) d).wanted();
  }

  private boolean lookasideHasOne(RichDependency d) {
    if (view.lookaside == null) {
      return false;
    }
    IntPredicate qualifies;
    if (d instanceof With w) {
      qualifies = id -> w.parts().stream().allMatch(p -> provides(view.lookaside, id, (Atom) p));
    } else {
      Atom excluded = (Atom) ((Without) d).excluded();
      qualifies = id -> !provides(view.lookaside, id, excluded);
    }
    return !view.lookaside.forEachProvider(firstAtom(d), id -> !qualifies.test(id));
  }

  private static Capability firstAtom(RichDependency d) {
    RichDependency first = d instanceof With w ? w.parts().get(0) : ((Without) d).wanted();
    return ((Atom) first).capability();
  }

  private static boolean provides(ProviderIndex index, int id, Atom atom) {
    return !index.forEachProvider(atom.capability(), other -> other != id);
  }
}
