package org.odcsj.source.pulp;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.odcsj.source.SourceFailure;

/**
 * Finds a compose's sources in Pulp as ODCS does: as content sets first (one search), the rest as
 * repository ids (one GET each, 404 skipped). What is still missing fails the compose, unless it
 * may be ignored.
 */
final class PulpLookup {

  /** What was found: repositories by content set or repository id (sorted), and what was not. */
  record Found(Map<String, List<PulpRepository>> byName, List<String> missing) {}

  private final PulpClient client;

  PulpLookup(PulpClient client) {
    this.client = client;
  }

  Found find(List<String> sources, boolean includeUnpublished) throws SourceFailure {
    Set<String> wanted = new LinkedHashSet<>(sources);
    Map<String, List<PulpRepository>> byName = new TreeMap<>();
    for (PulpRepository repo : client.searchContentSets(List.copyOf(wanted), includeUnpublished)) {
      if (repo.contentSet() != null && wanted.contains(repo.contentSet())) {
        byName.computeIfAbsent(repo.contentSet(), k -> new ArrayList<>()).add(repo);
      }
    }
    List<String> missing = new ArrayList<>();
    for (String source : wanted) {
      if (byName.containsKey(source)) {
        continue;
      }
      Optional<PulpRepository> repo = client.repository(source, includeUnpublished);
      if (repo.isPresent()) {
        byName.put(source, List.of(repo.get()));
      } else {
        missing.add(source);
      }
    }
    return new Found(byName, missing);
  }

  /** ODCS's text for missing sources: Python's repr of the requested and the found lists. */
  static String missingMessage(List<String> requested, Set<String> found) {
    return "Failed to find all the source(s) "
        + pythonList(requested)
        + " in Pulp, found only "
        + pythonList(found.stream().sorted().toList());
  }

  static String pythonList(List<String> items) {
    return items.stream()
        .map(s -> "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'")
        .collect(java.util.stream.Collectors.joining(", ", "[", "]"));
  }
}
