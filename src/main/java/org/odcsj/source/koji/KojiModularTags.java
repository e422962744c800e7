package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odcsj.modulemd.Nsvc;
import org.odcsj.source.SourceFailure;

/**
 * The modules tagged in {@code modular_koji_tags}, as Pungi reads them: {@code listTagged(tag,
 * event, inherit=True, type="module")}; per {@code N:S} only the builds of the top-most tag of the
 * inheritance that has any (the first requested tag that has it, across tags); modulemd and content
 * tag from {@code getBuild}'s {@code extra.typeinfo.module}.
 */
final class KojiModularTags {

  private final KojiQueries koji;

  KojiModularTags(KojiQueries koji) {
    this.koji = koji;
  }

  /** Every module build the tags offer at {@code event}, top-most tag per {@code N:S}. */
  List<KojiModuleBuild> tagged(List<String> tags, long event) {
    Map<String, List<KojiBuild>> byNameStream = new LinkedHashMap<>();
    for (String tag : tags) {
      KojiTag info = koji.tag(tag, event).orElseThrow(() -> KojiNotFound.tag(tag));
      List<String> order = new ArrayList<>(List.of(info.name()));
      koji.fullInheritance(info.id(), event).forEach(link -> order.add(link.name()));
      Map<String, List<KojiBuild>> inTag = new LinkedHashMap<>();
      for (KojiBuild build : koji.taggedBuilds(tag, event, true, false, null, "module")) {
        // A module build's NVR is name-stream-version.context: name and stream name the N:S.
        inTag
            .computeIfAbsent(build.packageName() + ":" + build.version(), k -> new ArrayList<>())
            .add(build);
      }
      inTag.forEach(
          (nameStream, builds) -> {
            if (byNameStream.containsKey(nameStream)) {
              return;
            }
            String topMost =
                order.stream()
                    .filter(t -> builds.stream().anyMatch(b -> t.equals(b.tagName())))
                    .findFirst()
                    .orElse(tag);
            byNameStream.put(
                nameStream, builds.stream().filter(b -> topMost.equals(b.tagName())).toList());
          });
    }
    Map<Long, String> ids = new LinkedHashMap<>();
    byNameStream.values().forEach(list -> list.forEach(b -> ids.put(b.id(), b.tagName())));
    return ids.isEmpty() ? List.of() : koji.moduleBuilds(ids);
  }

  /**
   * The builds the requested items name: {@code N:S} its newest version with every context, {@code
   * N:S:V} every context of that version, {@code N:S:V:C} that one.
   */
  static List<KojiModuleBuild> select(
      List<KojiModuleBuild> tagged, List<Nsvc> items, List<String> tags) throws SourceFailure {
    List<KojiModuleBuild> chosen = new ArrayList<>();
    for (Nsvc item : items) {
      List<KojiModuleBuild> matching =
          tagged.stream()
              .filter(m -> m.name().equals(item.name()) && m.stream().equals(item.stream()))
              .filter(m -> item.version() == null || m.version() == item.version())
              .filter(m -> item.context() == null || m.context().equals(item.context()))
              .toList();
      if (matching.isEmpty()) {
        throw new SourceFailure(
            "Failed to find module " + item + " in the modular Koji tags " + tags + ".");
      }
      long newest = matching.stream().mapToLong(KojiModuleBuild::version).max().getAsLong();
      matching.stream()
          .filter(m -> m.version() == newest)
          .sorted(Comparator.comparing(KojiModuleBuild::context))
          .filter(m -> !chosen.contains(m))
          .forEach(chosen::add);
    }
    return chosen;
  }
}
