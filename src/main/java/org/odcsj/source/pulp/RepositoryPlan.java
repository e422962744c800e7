package org.odcsj.source.pulp;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.odcsj.source.SourceFailure;

/**
 * What the compose offers for one content set (or repository id): one URL — a single repository, or
 * repositories differing only by the arch in their URL, joined as one {@code $basearch} URL — or
 * the repositories of each arch merged into one under the compose ({@link #merged()} lists the
 * source URLs per arch).
 */
record RepositoryPlan(
    String name,
    String url,
    SortedSet<String> arches,
    List<String> sigkeys,
    Map<String, List<String>> merged) {

  private static final Pattern VERSION = Pattern.compile("\\d+(\\.\\d+)*");

  boolean isMerged() {
    return !merged.isEmpty();
  }

  /**
   * The plan for {@code repos} of {@code name}; a merged one is served at {@code
   * <mergedBaseUrl>/<name>/$basearch}.
   */
  static RepositoryPlan of(String name, List<PulpRepository> repos, String mergedBaseUrl)
      throws SourceFailure {
    List<PulpRepository> latest = latestProductVersion(repos);
    if (latest.size() == 1) {
      PulpRepository only = latest.get(0);
      return new RepositoryPlan(name, only.url(), only.arches(), only.sigkeys(), Map.of());
    }
    SortedSet<String> arches = new TreeSet<>();
    for (PulpRepository repo : latest) {
      if (repo.arches().size() != 1) {
        throw new SourceFailure(
            "Content set repository "
                + repo.url()
                + " does not have exactly 1 arch: "
                + pythonSet(repo.arches())
                + ".");
      }
      arches.addAll(repo.arches());
    }
    String baseurl = null;
    List<String> sigkeys = null;
    boolean sameButArch = true;
    for (PulpRepository repo : latest) {
      String url = repo.url().replace(repo.arches().first(), "$basearch");
      if (baseurl == null) {
        baseurl = url;
        sigkeys = repo.sigkeys();
      } else if (!baseurl.equals(url) || !sigkeys.equals(repo.sigkeys())) {
        sameButArch = false;
        break;
      }
    }
    if (sameButArch) {
      return new RepositoryPlan(name, baseurl, arches, sigkeys, Map.of());
    }
    Map<String, List<String>> byArch = new LinkedHashMap<>();
    for (PulpRepository repo : latest) {
      List<String> urls = byArch.computeIfAbsent(repo.arches().first(), a -> new ArrayList<>());
      if (!urls.contains(repo.url())) {
        urls.add(repo.url());
      }
    }
    return new RepositoryPlan(
        name,
        mergedBaseUrl.replaceAll("/+$", "") + "/" + name + "/$basearch",
        arches,
        latest.get(0).sigkeys(),
        byArch);
  }

  /**
   * ODCS keeps only the repositories of the highest product version when all share one arch and
   * each names exactly one version, all with as many dots (compared component by component as text,
   * as ODCS does); otherwise all.
   */
  static List<PulpRepository> latestProductVersion(List<PulpRepository> repos) {
    if (repos.size() < 2) {
      return repos;
    }
    SortedSet<String> arches = new TreeSet<>();
    repos.forEach(r -> arches.addAll(r.arches()));
    if (arches.size() != 1 || repos.stream().anyMatch(r -> r.arches().size() != 1)) {
      return repos;
    }
    List<String> versions = new ArrayList<>();
    for (PulpRepository repo : repos) {
      List<String> v = productVersions(repo.productVersions());
      if (v.size() != 1 || !VERSION.matcher(v.get(0)).matches()) {
        return repos;
      }
      versions.add(v.get(0));
    }
    long dots = versions.get(0).chars().filter(c -> c == '.').count();
    if (versions.stream().anyMatch(v -> v.chars().filter(c -> c == '.').count() != dots)) {
      return repos;
    }
    Comparator<String> asTextTuple = RepositoryPlan::compareTextTuples;
    String highest = versions.stream().max(asTextTuple).orElseThrow();
    List<PulpRepository> kept = new ArrayList<>();
    for (int i = 0; i < repos.size(); i++) {
      if (versions.get(i).equals(highest)) {
        kept.add(repos.get(i));
      }
    }
    return kept;
  }

  /** Pulp writes them as a JSON list in a string ({@code ["7.5"]}) or comma separated. */
  static List<String> productVersions(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String t = text.trim();
    if (t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1);
    }
    List<String> out = new ArrayList<>();
    for (String part : t.split(",")) {
      String v = part.trim().replaceAll("^[\"']|[\"']$", "");
      if (!v.isEmpty()) {
        out.add(v);
      }
    }
    return out;
  }

  private static int compareTextTuples(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  static String pythonSet(Collection<String> items) {
    if (items.isEmpty()) {
      return "set()";
    }
    return items.stream()
        .sorted()
        .map(s -> "'" + s + "'")
        .collect(java.util.stream.Collectors.joining(", ", "{", "}"));
  }
}
