package org.odcsj.selection;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@link Selector#select}: per requested arch, the chosen package copies (sorted by
 * NEVRA); the requirements nothing satisfies (allowed without check_deps — the caller logs them);
 * and warnings worth a line in the compose log.
 */
public record Selection(
    Map<String, List<SelectedPackage>> byArch,
    List<UnmetRequirement> unmetRequirements,
    List<String> warnings) {

  public Selection {
    byArch = Map.copyOf(byArch);
    unmetRequirements = List.copyOf(unmetRequirements);
    warnings = List.copyOf(warnings);
  }

  /** The packages of one arch's repository. */
  public List<SelectedPackage> packages(String arch) {
    return byArch.getOrDefault(arch, List.of());
  }

  /** Why a package is in the compose. */
  public enum Reason {
    /** Named in {@code packages}, or every package when none are named. */
    REQUESTED,
    /** Pulled in to satisfy a requirement. */
    DEPENDENCY,
    /** A compat-arch package added by the multilib method. */
    MULTILIB
  }

  /** One chosen copy: {@code candidate().sigkey()} is already read when sigkeys were requested. */
  public record SelectedPackage(Candidate candidate, Reason reason) {
    public Nevra nevra() {
      return candidate.nevra();
    }
  }

  /** {@code <nevra> requires <capability>}, as the compose reason prints it. */
  public record UnmetRequirement(Nevra requirer, Capability requirement) {
    @Override
    public String toString() {
      return requirer + " requires " + requirement;
    }
  }
}
