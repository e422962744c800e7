package org.odcsj.selection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.odcsj.selection.PackageSet.Entry;

/**
 * Picks each selected package's copy by the requested sigkeys, earlier keys preferred, {@code ""}
 * accepting an unsigned copy; with no sigkeys any copy (the first) will do and nothing is read.
 * Sigkeys are read only here, for selected packages, in parallel.
 */
final class SigkeyChooser {
  private SigkeyChooser() {}

  static Map<Entry, Candidate> choose(Collection<Entry> entries, List<String> sigkeys)
      throws SelectionException, IOException {
    Map<Entry, Candidate> chosen = new IdentityHashMap<>();
    if (sigkeys.isEmpty()) {
      entries.forEach(e -> chosen.put(e, e.candidate()));
      return chosen;
    }
    readAll(entries);
    List<String> unsigned = new ArrayList<>();
    for (Entry e : entries) {
      Candidate copy = preferred(e.copies(), sigkeys);
      if (copy == null) {
        unsigned.add(e.candidate().nevra().toString());
      } else {
        chosen.put(e, copy);
      }
    }
    if (!unsigned.isEmpty()) {
      unsigned.sort(null);
      List<String> keys = sigkeys.stream().map(k -> k.isEmpty() ? "<unsigned>" : k).toList();
      throw new SelectionException(
          SelectionException.Kind.UNSIGNED,
          "the following packages are not signed by any of the keys "
              + String.join(", ", keys)
              + ": "
              + Messages.capped(unsigned, ", "),
          unsigned);
    }
    return chosen;
  }

  private static Candidate preferred(List<Candidate> copies, List<String> sigkeys)
      throws IOException {
    for (String key : sigkeys) {
      for (Candidate copy : copies) {
        if (copy.sigkey().get().equals(key)) {
          return copy;
        }
      }
    }
    return null;
  }

  private static void readAll(Collection<Entry> entries) throws IOException {
    try {
      entries.parallelStream()
          .flatMap(e -> e.copies().stream())
          .forEach(
              c -> {
                try {
                  c.sigkey().get();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
