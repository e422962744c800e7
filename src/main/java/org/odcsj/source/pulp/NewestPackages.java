package org.odcsj.source.pulp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.odcsj.output.LinkedRepodataWriter;
import org.odcsj.selection.Evr;

/**
 * {@code mergerepo_c --method nvr}'s choice: of the packages of the same name and arch in several
 * repositories, the one of the highest epoch-version-release; on a tie the first repository's.
 */
final class NewestPackages {
  private NewestPackages() {}

  /** For each listing (in order), the keys of its packages that are kept. */
  static List<Set<LinkedRepodataWriter.Key>> choose(List<DownloadedRepodata.Listing> listings) {
    record Choice(int repo, DownloadedRepodata.Listed pkg, Evr evr) {}
    Map<String, Choice> newest = new HashMap<>();
    for (int i = 0; i < listings.size(); i++) {
      for (DownloadedRepodata.Listed p : listings.get(i).packages()) {
        Evr evr = new Evr(epoch(p.epoch()), p.version(), p.release());
        String key = p.name() + "." + p.arch();
        Choice old = newest.get(key);
        if (old == null || evr.compareTo(old.evr()) > 0) {
          newest.put(key, new Choice(i, p, evr));
        }
      }
    }
    List<Set<LinkedRepodataWriter.Key>> kept = new ArrayList<>();
    for (int i = 0; i < listings.size(); i++) {
      kept.add(new LinkedHashSet<>());
    }
    for (Choice c : newest.values()) {
      kept.get(c.repo())
          .add(new LinkedRepodataWriter.Key(c.pkg().checksum(), c.pkg().name(), c.pkg().arch()));
    }
    return kept;
  }

  private static long epoch(String e) {
    if (e == null || e.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(e.trim());
    } catch (NumberFormatException x) {
      return 0;
    }
  }
}
