package org.odcsj.selection;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What to select, in ODCS's terms: {@code packages} (names or shell globs; empty = every package),
 * {@code arches}, {@code multilibArches} and {@code multilibMethods}, {@code sigkeys} in order of
 * preference ({@code ""} allows unsigned; empty list = any copy is fine), the {@code no_deps} and
 * {@code check_deps} flags, and the packages of the lookaside repositories per arch (they satisfy
 * requirements and are never selected).
 *
 * <pre>
 * SelectionRequest.forArches("x86_64").packages("bash").multilib(Set.of("x86_64"), 1).build();
 * </pre>
 */
public record SelectionRequest(
    List<String> packages,
    List<String> arches,
    Set<String> multilibArches,
    Set<MultilibMethod> multilibMethods,
    List<String> sigkeys,
    boolean noDeps,
    boolean checkDeps,
    Map<String, List<Candidate>> lookaside) {

  public SelectionRequest {
    packages = List.copyOf(packages);
    arches = List.copyOf(new LinkedHashSet<>(arches));
    multilibArches = Set.copyOf(multilibArches);
    multilibMethods = Set.copyOf(multilibMethods);
    sigkeys = sigkeys.stream().map(LazySigkey::normalize).distinct().toList();
    lookaside = Map.copyOf(lookaside);
    if (arches.isEmpty()) {
      throw new IllegalArgumentException("at least one arch is needed");
    }
  }

  public static Builder forArches(String... arches) {
    return new Builder(List.of(arches));
  }

  public static Builder forArches(List<String> arches) {
    return new Builder(arches);
  }

  /** The lookaside packages for {@code arch}, empty when none. */
  public List<Candidate> lookasideFor(String arch) {
    return lookaside.getOrDefault(arch, List.of());
  }

  public static final class Builder {
    private final List<String> arches;
    private List<String> packages = List.of();
    private Set<String> multilibArches = Set.of();
    private Set<MultilibMethod> multilibMethods = Set.of();
    private List<String> sigkeys = List.of();
    private boolean noDeps;
    private boolean checkDeps;
    private final Map<String, List<Candidate>> lookaside = new TreeMap<>();

    private Builder(List<String> arches) {
      this.arches = arches;
    }

    public Builder packages(String... names) {
      return packages(List.of(names));
    }

    public Builder packages(List<String> names) {
      this.packages = names;
      return this;
    }

    /** {@code mask} as ODCS's multilib_method: runtime = 1, devel = 2, all = 4. */
    public Builder multilib(Set<String> arches, int mask) {
      return multilib(arches, MultilibMethod.fromMask(mask));
    }

    public Builder multilib(Set<String> arches, Set<MultilibMethod> methods) {
      this.multilibArches = arches;
      this.multilibMethods = methods;
      return this;
    }

    public Builder sigkeys(String... keys) {
      return sigkeys(List.of(keys));
    }

    public Builder sigkeys(List<String> keys) {
      this.sigkeys = keys;
      return this;
    }

    public Builder noDeps(boolean noDeps) {
      this.noDeps = noDeps;
      return this;
    }

    public Builder checkDeps(boolean checkDeps) {
      this.checkDeps = checkDeps;
      return this;
    }

    /** Adds lookaside packages for {@code arch} (callable several times). */
    public Builder lookaside(String arch, List<Candidate> packages) {
      lookaside.computeIfAbsent(arch, a -> new ArrayList<>()).addAll(packages);
      return this;
    }

    public SelectionRequest build() {
      return new SelectionRequest(
          packages, arches, multilibArches, multilibMethods, sigkeys, noDeps, checkDeps, lookaside);
    }
  }
}
