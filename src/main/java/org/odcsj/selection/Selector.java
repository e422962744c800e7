package org.odcsj.selection;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.odcsj.selection.PackageSet.Entry;
import org.odcsj.selection.Selection.SelectedPackage;
import org.odcsj.selection.Selection.UnmetRequirement;

/**
 * Chooses a compose's packages from its sources' candidates, as Pungi's gather does for ODCS
 * (backend.md §2): the newest of each name+arch; the requested names (all when none are named); per
 * arch that arch plus noarch, plus compat-arch packages by the multilib method; the dependency
 * closure unless no_deps; a copy signed by a preferred key. Then it checks, in this order: sigkeys,
 * check_deps, and that every requested name made it into the compose.
 *
 * <pre>
 * Selection s = Selector.select(candidates, SelectionRequest.forArches("x86_64")
 *     .packages("httpd").sigkeys("fd431d51", "").checkDeps(true).build());
 * s.packages("x86_64").forEach(p -> writer.add(p.candidate().location()));
 * </pre>
 */
public final class Selector {
  private Selector() {}

  /**
   * Selects from {@code candidates} (all sources together).
   *
   * @throws SelectionException with the user-facing reason when packages are unsigned, dependencies
   *     unmet under check_deps, or requested packages missing
   * @throws IOException when a source fails to tell a selected package's sigkey
   */
  public static Selection select(List<Candidate> candidates, SelectionRequest request)
      throws SelectionException, IOException {
    PackageSet set = PackageSet.latestOf(candidates);
    RichDependencies rich = new RichDependencies();
    Set<String> wantedPaths = requiredPaths(set, rich);
    ProviderIndex pool =
        new ProviderIndex(set.entries().stream().map(Entry::candidate).toList(), wantedPaths);
    List<String> warnings = new ArrayList<>();
    List<ArchSelector.Result> results = new ArrayList<>();
    for (String arch : request.arches()) {
      List<Candidate> lookaside = request.lookasideFor(arch);
      ArchView view =
          new ArchView(
              arch,
              new ArchPolicy(arch, request.multilibArches().contains(arch)),
              set.entries(),
              pool,
              lookaside.isEmpty() ? null : new ProviderIndex(lookaside, wantedPaths));
      results.add(new ArchSelector(view, request, rich, warnings).run());
    }
    rich.malformed().forEach(m -> warnings.add(m));

    Set<Entry> selected = new LinkedHashSet<>();
    results.forEach(r -> selected.addAll(r.entries()));
    Map<Entry, Candidate> copies = SigkeyChooser.choose(selected, request.sigkeys());

    List<UnmetRequirement> unmet = unmet(results);
    if (request.checkDeps() && !unmet.isEmpty()) {
      List<String> lines = unmet.stream().map(UnmetRequirement::toString).toList();
      throw new SelectionException(
          SelectionException.Kind.UNMET_DEPENDENCIES,
          "Unresolved dependencies detected: " + Messages.capped(lines, ", "),
          lines);
    }
    checkRequestedPresent(request.packages(), selected);

    Map<String, List<SelectedPackage>> byArch = new LinkedHashMap<>();
    for (ArchSelector.Result r : results) {
      List<SelectedPackage> packages = new ArrayList<>(r.entries().size());
      for (int i = 0; i < r.entries().size(); i++) {
        packages.add(new SelectedPackage(copies.get(r.entries().get(i)), r.reasons().get(i)));
      }
      byArch.put(r.arch(), packages);
    }
    return new Selection(byArch, unmet, warnings);
  }

  /** Every path some package requires, directly or inside a rich dependency. */
  private static Set<String> requiredPaths(PackageSet set, RichDependencies rich) {
    Set<String> paths = new HashSet<>();
    for (Entry e : set.entries()) {
      for (Capability r : e.candidate().requires()) {
        if (r.isFile()) {
          paths.add(r.name());
        } else if (r.isRich()) {
          RichDependency d = rich.get(r);
          if (d != null) {
            RichDependencies.collectPaths(d, paths);
          }
        }
      }
    }
    return paths;
  }

  /** Unmet requirements of all arches, each once (a noarch package is in several), sorted. */
  private static List<UnmetRequirement> unmet(List<ArchSelector.Result> results) {
    Map<String, UnmetRequirement> unique = new TreeMap<>();
    results.forEach(r -> r.unmet().forEach(u -> unique.putIfAbsent(u.toString(), u)));
    return List.copyOf(unique.values());
  }

  /** ODCS's validation: each name (or glob) in {@code packages} matches a package selected. */
  private static void checkRequestedPresent(List<String> patterns, Set<Entry> selected)
      throws SelectionException {
    Set<String> names = new HashSet<>();
    selected.forEach(e -> names.add(e.name()));
    List<String> missing = new ArrayList<>();
    for (String pattern : new LinkedHashSet<>(patterns)) {
      Predicate<String> matches = PackagePatterns.matcher(pattern);
      boolean present =
          PackagePatterns.isGlob(pattern)
              ? names.stream().anyMatch(matches)
              : names.contains(pattern);
      if (!present) {
        missing.add(pattern);
      }
    }
    if (!missing.isEmpty()) {
      throw new SelectionException(
          SelectionException.Kind.MISSING_PACKAGES,
          "The following requested packages are not present in the generated compose: "
              + String.join(" ", missing)
              + ".",
          missing);
    }
  }
}
