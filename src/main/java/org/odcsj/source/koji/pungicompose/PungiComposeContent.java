package org.odcsj.source.koji.pungicompose;

import java.util.List;
import java.util.Set;

/**
 * What a {@code pungi_compose} source resolves to, as ODCS derives it from the variant's part of
 * {@code rpms.json}; these replace the compose's own fields: {@code arches} (the variant's arches),
 * {@code builds} (the N-V-R of every source RPM), {@code packages} (the name of every RPM, source
 * RPMs included), {@code sigkeys} (every key found, lower case; {@code ""} last when some RPM was
 * unsigned, which allows unsigned copies). {@code nevras} is every RPM's {@code N-E:V-R.A}, as
 * productmd writes it. Lists are sorted.
 */
public record PungiComposeContent(
    List<String> arches,
    List<String> builds,
    List<String> packages,
    List<String> sigkeys,
    Set<String> nevras) {
  public PungiComposeContent {
    arches = List.copyOf(arches);
    builds = List.copyOf(builds);
    packages = List.copyOf(packages);
    sigkeys = List.copyOf(sigkeys);
    nevras = Set.copyOf(nevras);
  }
}
