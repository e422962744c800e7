package org.odcsj.rpm;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.odcsj.rpm.RpmPackage.ChangelogEntry;

/**
 * The changelog as createrepo_c puts it in other.xml: the newest {@code limit} entries (rpm stores
 * newest first), authors without trailing spaces, oldest first; entries with the same time get the
 * later ones bumped by a second each, so dates stay distinct.
 */
final class ChangelogReader {
  private static final int CHANGELOGTIME = 1080;
  private static final int CHANGELOGNAME = 1081;
  private static final int CHANGELOGTEXT = 1082;

  private ChangelogReader() {}

  static List<ChangelogEntry> read(HeaderTags h, int limit) {
    long[] times = h.numbers(CHANGELOGTIME);
    String[] names = h.strings(CHANGELOGNAME);
    String[] texts = h.strings(CHANGELOGTEXT);
    int n = Math.min(limit, Math.min(times.length, Math.min(names.length, texts.length)));
    // Built oldest-last like createrepo_c's prepend loop, index 0 = the entry just added.
    List<long[]> dates = new ArrayList<>();
    List<Integer> order = new ArrayList<>();
    long lastTime = 0;
    for (int i = 0; i < n; i++) {
      long time = times[i];
      dates.add(0, new long[] {time});
      order.add(0, i);
      if (lastTime == time) {
        long tmp = time;
        for (int k = 1; k < dates.size() && dates.get(k)[0] == tmp; k++) {
          dates.get(k)[0]++;
          tmp++;
        }
      } else {
        lastTime = time;
      }
    }
    List<ChangelogEntry> out = new ArrayList<>(n);
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      out.add(new ChangelogEntry(stripTrailingSpaces(names[i]), dates.get(k)[0], texts[i]));
    }
    return Collections.unmodifiableList(out);
  }

  private static String stripTrailingSpaces(String s) {
    int end = s.length();
    while (end > 1 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }
}
