package org.odcsj.rpm;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.odcsj.rpm.RpmPackage.Dependencies;
import org.odcsj.rpm.RpmPackage.Dependency;

/**
 * Reads the eight relation kinds from a main header the way createrepo_c does, so our primary.xml
 * gives dnf the same package relations as a createrepo_c repository would.
 */
final class DependencyReader {
  private static final int RPMSENSE_PREREQ = 1 << 6;
  private static final int RPMSENSE_SCRIPT_PRE = 1 << 9;
  private static final int RPMSENSE_SCRIPT_POST = 1 << 10;
  private static final int RPMSENSE_STRONG = 1 << 27;

  /** Tag numbers: name, flags, version. */
  private record Kind(int name, int flags, int version) {}

  private static final Kind PROVIDES = new Kind(1047, 1112, 1113);
  private static final Kind REQUIRES = new Kind(1049, 1048, 1050);
  private static final Kind CONFLICTS = new Kind(1054, 1053, 1055);
  private static final Kind OBSOLETES = new Kind(1090, 1114, 1115);
  private static final Kind RECOMMENDS = new Kind(5046, 5048, 5047);
  private static final Kind SUGGESTS = new Kind(5049, 5051, 5050);
  private static final Kind SUPPLEMENTS = new Kind(5052, 5054, 5053);
  private static final Kind ENHANCES = new Kind(5055, 5057, 5056);
  // Before rpm 4.12 weak dependencies were two tags, "strong" ones flagged RPMSENSE_STRONG.
  private static final Kind OLD_SUGGESTS = new Kind(1156, 1158, 1157);
  private static final Kind OLD_ENHANCES = new Kind(1159, 1161, 1160);

  private DependencyReader() {}

  static Dependencies read(HeaderTags h, Set<String> ownFiles) {
    List<Dependency> provides = plain(h, PROVIDES);
    List<Dependency> requires = requires(h, ownFiles, provides);
    List<Dependency> recommends = plain(h, RECOMMENDS);
    List<Dependency> suggests = plain(h, SUGGESTS);
    List<Dependency> supplements = plain(h, SUPPLEMENTS);
    List<Dependency> enhances = plain(h, ENHANCES);
    if (!h.has(RECOMMENDS.name()) && !h.has(SUGGESTS.name()) && h.has(OLD_SUGGESTS.name())) {
      recommends = legacy(h, OLD_SUGGESTS, true);
      suggests = legacy(h, OLD_SUGGESTS, false);
    }
    if (!h.has(SUPPLEMENTS.name()) && !h.has(ENHANCES.name()) && h.has(OLD_ENHANCES.name())) {
      supplements = legacy(h, OLD_ENHANCES, true);
      enhances = legacy(h, OLD_ENHANCES, false);
    }
    return new Dependencies(
        provides,
        requires,
        plain(h, CONFLICTS),
        plain(h, OBSOLETES),
        recommends,
        suggests,
        supplements,
        enhances);
  }

  private static List<Dependency> plain(HeaderTags h, Kind kind) {
    List<Dependency> out = new ArrayList<>();
    each(h, kind, (name, flags, version) -> out.add(dependency(name, flags, version, false)));
    return out;
  }

  private static List<Dependency> legacy(HeaderTags h, Kind kind, boolean strong) {
    List<Dependency> out = new ArrayList<>();
    each(
        h,
        kind,
        (name, flags, version) -> {
          if (((flags & RPMSENSE_STRONG) != 0) == strong) {
            out.add(dependency(name, flags, version, false));
          }
        });
    return out;
  }

  /**
   * createrepo_c leaves out rpmlib(…) requirements, requirements on the package's own files that
   * primary lists, requirements on what the package provides itself and exact repeats; of the
   * libc.so.6 requirements it keeps only the highest symbol version, placed last.
   */
  private static List<Dependency> requires(
      HeaderTags h, Set<String> ownFiles, List<Dependency> provides) {
    Set<String> provided = new HashSet<>();
    provides.forEach(p -> provided.add(p.name()));
    Map<String, String> lastSeen = new HashMap<>(); // name -> flags|version|pre of its last entry
    List<Dependency> out = new ArrayList<>();
    Dependency[] libc = {null};
    each(
        h,
        REQUIRES,
        (name, flags, version) -> {
          if (name.startsWith("rpmlib(")
              || (ownFiles.contains(name) && RpmPackage.PackageFile.isPrimaryPath(name))
              || provided.contains(name)) {
            return;
          }
          boolean pre =
              (flags & (RPMSENSE_PREREQ | RPMSENSE_SCRIPT_PRE | RPMSENSE_SCRIPT_POST)) != 0;
          String key = flagsName(flags) + "|" + version + "|" + pre;
          if (Objects.equals(lastSeen.get(name), key)) {
            return;
          }
          Dependency dep = dependency(name, flags, version, pre);
          if (name.startsWith("libc.so.6")) {
            if (libc[0] == null || LibcSymbolVersion.compare(libc[0].name(), name) == 2) {
              libc[0] = dep;
            }
            return;
          }
          out.add(dep);
          lastSeen.put(name, key);
        });
    if (libc[0] != null) {
      out.add(libc[0]);
    }
    return out;
  }

  private interface EntryConsumer {
    void accept(String name, long flags, String version);
  }

  private static void each(HeaderTags h, Kind kind, EntryConsumer consumer) {
    String[] names = h.strings(kind.name());
    long[] flags = h.numbers(kind.flags());
    String[] versions = h.strings(kind.version());
    for (int i = 0; i < names.length; i++) {
      if (names[i].isEmpty()) {
        continue;
      }
      consumer.accept(
          names[i], i < flags.length ? flags[i] : 0, i < versions.length ? versions[i] : "");
    }
  }

  static Dependency dependency(String name, long flags, String version, boolean pre) {
    Evr evr = Evr.parse(version);
    return new Dependency(name, flagsName(flags), evr.epoch(), evr.version(), evr.release(), pre);
  }

  /** createrepo_c's names of the comparison bits; {@code null} when it does not compare. */
  static String flagsName(long flags) {
    return switch ((int) (flags & 0xf)) {
      case 2 -> "LT";
      case 4 -> "GT";
      case 8 -> "EQ";
      case 10 -> "LE";
      case 12 -> "GE";
      default -> null;
    };
  }

  /** {@code [epoch:]version[-release]} split as createrepo_c does (epoch "0" when absent). */
  record Evr(String epoch, String version, String release) {
    static Evr parse(String s) {
      if (s == null || s.isEmpty()) {
        return new Evr(null, null, null);
      }
      String epoch = "0";
      String rest = s;
      int colon = s.indexOf(':');
      if (colon >= 0) {
        String e = s.substring(0, colon);
        epoch = e.isEmpty() ? "0" : e.chars().allMatch(Character::isDigit) ? e : null;
        rest = s.substring(colon + 1);
      }
      int dash = rest.indexOf('-');
      if (dash < 0) {
        return new Evr(epoch, rest, null);
      }
      String release = rest.substring(dash + 1);
      return new Evr(epoch, rest.substring(0, dash), release.isEmpty() ? null : release);
    }
  }
}
