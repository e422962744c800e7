package org.odcsj.source.pulp;

import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One Pulp repository as a compose uses it: its id, its content set ({@code null} when Pulp's notes
 * name none), the URL its yum repository is served at, its arches, signing keys (sorted) and
 * product versions (as Pulp's notes write them, may be {@code null}).
 */
record PulpRepository(
    String id,
    String contentSet,
    String url,
    SortedSet<String> arches,
    List<String> sigkeys,
    String productVersions) {

  PulpRepository {
    arches = new TreeSet<>(arches);
    sigkeys = List.copyOf(sigkeys);
  }

  static PulpRepository of(
      String id,
      String contentSet,
      String url,
      Set<String> arches,
      List<String> sigkeys,
      String productVersions) {
    return new PulpRepository(id, contentSet, url, new TreeSet<>(arches), sigkeys, productVersions);
  }
}
