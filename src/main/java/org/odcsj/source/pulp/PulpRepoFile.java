package org.odcsj.source.pulp;

import java.util.Collection;

/**
 * The .repo file of a Pulp compose as ODCS writes it: a block per content set or repository id in
 * sorted order, each after an empty line; with {@code use_only_compatible_arch} a one-arch URL's
 * arch becomes {@code $basearch} and the repository may be unavailable.
 */
final class PulpRepoFile {
  private PulpRepoFile() {}

  static String render(Collection<RepositoryPlan> plans, boolean onlyCompatibleArch) {
    StringBuilder text = new StringBuilder();
    plans.stream()
        .sorted(java.util.Comparator.comparing(RepositoryPlan::name))
        .forEach(
            plan -> {
              String url = plan.url();
              if (onlyCompatibleArch && plan.arches().size() == 1) {
                url = url.replace(plan.arches().first(), "$basearch");
              }
              text.append("\n[")
                  .append(plan.name())
                  .append("]\nname=")
                  .append(plan.name())
                  .append("\nbaseurl=")
                  .append(url)
                  .append("\nenabled=1\ngpgcheck=0\n");
              if (onlyCompatibleArch) {
                text.append("skip_if_unavailable=1\n");
              }
            });
    return text.toString();
  }
}
