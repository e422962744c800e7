package org.odcsj.source.pulp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.fetch.HttpFiles;
import org.odcsj.output.LinkedRepodataWriter;
import org.odcsj.output.RepodataWriter;
import org.odcsj.source.InvalidSourceRequest;
import org.odcsj.source.Resolution;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;
import org.odcsj.source.TreeDestination;
import org.odcsj.source.TreeSource;
import org.odcsj.source.WrittenTree;

/**
 * {@code pulp} composes: the content sets (or repository ids) of {@code source} found in Pulp, a
 * .repo file pointing at their repositories, and — for a content set whose repositories differ by
 * more than the arch — one merged repository per arch under the compose. Never reused: Pulp's state
 * is not pinned.
 */
public final class PulpSource implements TreeSource {

  /** A content set or repository id: it names a directory of merged repositories. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+:@-]{0,199}");

  static final int MAX_SOURCES = 100;

  private final PulpLookup lookup;
  private final DownloadedRepodata reader;
  private final HttpFiles http = new HttpFiles();

  public PulpSource(PulpSettings settings, DownloadedRepodata reader) {
    this.lookup = new PulpLookup(new PulpClient(settings));
    this.reader = reader;
  }

  @Override
  public SourceType type() {
    return SourceType.PULP;
  }

  @Override
  public void validate(ComposeSpec spec) throws InvalidSourceRequest {
    List<String> sources = sources(spec);
    if (sources.isEmpty()) {
      throw new InvalidSourceRequest("\"source\" must name at least one Pulp content set");
    }
    if (sources.size() > MAX_SOURCES) {
      throw new InvalidSourceRequest(
          "\"source\" names more than " + MAX_SOURCES + " Pulp content sets");
    }
    for (String s : sources) {
      if (!NAME.matcher(s).matches()) {
        throw new InvalidSourceRequest(
            "\"source\" names an invalid Pulp content set or repository id: " + s);
      }
    }
  }

  @Override
  public Resolution resolve(ComposeSpec spec, SourceLog log) {
    return Resolution.neverReused(spec);
  }

  @Override
  public WrittenTree write(ComposeSpec spec, TreeDestination dest, SourceLog log)
      throws SourceFailure {
    List<String> requested = sources(spec);
    log.phase("looking up content sets in Pulp", 10);
    PulpLookup.Found found =
        lookup.find(requested, spec.hasFlag(ComposeFlag.INCLUDE_UNPUBLISHED_PULP_REPOS));
    ComposeSpec.Builder resolved = spec.toBuilder();
    if (!found.missing().isEmpty()) {
      String message = PulpLookup.missingMessage(requested, found.byName().keySet());
      if (!spec.hasFlag(ComposeFlag.IGNORE_ABSENT_PULP_REPOS)) {
        throw new SourceFailure(message);
      }
      log.info(message + " (ignored: ignore_absent_pulp_repos)");
      resolved.source(String.join(" ", found.byName().keySet()));
    }
    String temporaryUrl = dest.composeUrl() + "/compose/Temporary";
    Path temporary = dest.staging().resolve("compose").resolve("Temporary");
    List<RepositoryPlan> plans = new ArrayList<>();
    for (Map.Entry<String, List<PulpRepository>> e : found.byName().entrySet()) {
      plans.add(RepositoryPlan.of(e.getKey(), e.getValue(), temporaryUrl));
    }
    int packages = 0;
    try {
      Files.createDirectories(temporary);
      int done = 0;
      for (RepositoryPlan plan : plans) {
        if (plan.isMerged()) {
          log.phase("merging the repositories of " + plan.name(), 20 + 70 * done / plans.size());
          packages += merge(plan, temporary.resolve(plan.name()), dest.targetDir(), log);
        }
        done++;
      }
      SortedSet<String> arches = new TreeSet<>();
      Set<String> sigkeys = new TreeSet<>();
      plans.forEach(p -> arches.addAll(p.arches()));
      plans.forEach(p -> sigkeys.addAll(p.sigkeys()));
      if (plans.isEmpty()) {
        // Nothing found (ignore_absent_pulp_repos): empty repositories, an empty .repo file.
        arches.addAll(SpaceJoined.items(spec.arches()));
        for (String arch : arches) {
          Path os = temporary.resolve(arch).resolve("os");
          try (RepodataWriter empty = new RepodataWriter(os.resolve("repodata"), 0)) {
            empty.finish();
          }
        }
      }
      Files.writeString(
          dest.repoFile(),
          PulpRepoFile.render(plans, spec.hasFlag(ComposeFlag.USE_ONLY_COMPATIBLE_ARCH)),
          StandardCharsets.UTF_8);
      log.info(
          "Pulp repositories: "
              + plans.stream().map(p -> p.name() + " " + p.url()).toList()
              + ", arches "
              + arches
              + ", sigkeys "
              + sigkeys);
      resolved.arches(String.join(" ", arches)).sigkeys(String.join(" ", sigkeys));
    } catch (IOException e) {
      throw new SourceFailure("Cannot write the Pulp compose: " + e.getMessage(), e);
    }
    return new WrittenTree(resolved.build(), packages, null, null);
  }

  /** One repository per arch under {@code dir}: the newest of each package of the arch's URLs. */
  private int merge(RepositoryPlan plan, Path dir, Path targetDir, SourceLog log)
      throws SourceFailure, IOException {
    RepodataCache cache = new RepodataCache(targetDir, http);
    int total = 0;
    for (Map.Entry<String, List<String>> arch : new LinkedHashMap<>(plan.merged()).entrySet()) {
      List<DownloadedRepodata.Listing> listings = new ArrayList<>();
      for (String url : arch.getValue()) {
        try {
          listings.add(reader.read(cache.fetch(url)));
        } catch (IOException e) {
          throw new SourceFailure(
              "Cannot read the repository " + url + " of " + plan.name() + ": " + e.getMessage(),
              e);
        }
      }
      var kept = NewestPackages.choose(listings);
      List<LinkedRepodataWriter.Linked> sources = new ArrayList<>();
      for (int i = 0; i < listings.size(); i++) {
        String base = arch.getValue().get(i).replaceAll("/+$", "") + "/";
        sources.add(new LinkedRepodataWriter.Linked(listings.get(i).repodata(), base, kept.get(i)));
      }
      int n = LinkedRepodataWriter.write(dir.resolve(arch.getKey()).resolve("repodata"), sources);
      log.info(
          "Merged "
              + arch.getValue().size()
              + " repositories of "
              + plan.name()
              + " for "
              + arch.getKey()
              + ": "
              + n
              + " packages (newest of each name and arch)");
      total += n;
    }
    return total;
  }

  private static List<String> sources(ComposeSpec spec) {
    String s = spec.source() == null ? "" : spec.source().trim();
    return s.isEmpty() ? List.of() : List.of(s.split("\\s+"));
  }
}
