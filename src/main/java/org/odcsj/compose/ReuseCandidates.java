package org.odcsj.compose;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When an older compose can answer a new request (spec backend §4): same source type and the same
 * inputs — token sets for list-like fields, exact values for the others — and the same resolved
 * source (fingerprint), so a changed repository is never mistaken for an unchanged one.
 */
final class ReuseCandidates {

  private ReuseCandidates() {}

  static boolean sameInputs(Compose a, Compose b) {
    return a.sourceType() == b.sourceType()
        && Objects.equals(a.getSource(), b.getSource())
        && a.getFlags() == b.getFlags()
        && a.getResults() == b.getResults()
        && a.getMultilibMethod() == b.getMultilibMethod()
        && Objects.equals(a.getModuleDefaultsUrl(), b.getModuleDefaultsUrl())
        && Objects.equals(a.getRespinOf(), b.getRespinOf())
        && Objects.equals(a.getTargetDir(), b.getTargetDir())
        && Objects.equals(a.getSourceFingerprint(), b.getSourceFingerprint())
        && tokens(a.getPackages()).equals(tokens(b.getPackages()))
        && tokens(a.getBuilds()).equals(tokens(b.getBuilds()))
        && sigkeys(a.getSigkeys()).equals(sigkeys(b.getSigkeys()))
        && tokens(a.getArches()).equals(tokens(b.getArches()))
        && tokens(a.getLookasideRepos()).equals(tokens(b.getLookasideRepos()))
        && tokens(a.getMultilibArches()).equals(tokens(b.getMultilibArches()))
        && tokens(a.getModularKojiTags()).equals(tokens(b.getModularKojiTags()))
        && tokens(a.getScratchModules()).equals(tokens(b.getScratchModules()))
        && tokens(a.getModules()).equals(tokens(b.getModules()))
        && tokens(a.getScratchBuildTasks()).equals(tokens(b.getScratchBuildTasks()))
        && tokens(a.getParentPungiComposeIds()).equals(tokens(b.getParentPungiComposeIds()));
  }

  private static Set<String> tokens(String joined) {
    return joined == null
        ? Set.of()
        : Arrays.stream(joined.split("\\s+")).filter(t -> !t.isEmpty()).collect(Collectors.toSet());
  }

  // The empty sigkey (unsigned allowed) is a token of its own.
  private static Set<String> sigkeys(String joined) {
    return joined == null || joined.isEmpty() ? Set.of() : Set.of(joined.split(" ", -1));
  }
}
