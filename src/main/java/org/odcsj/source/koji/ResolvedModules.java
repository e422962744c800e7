package org.odcsj.source.koji;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.source.koji.mbs.ResolvedModule;

/**
 * The modules a {@code module} compose's resolution found, kept until its content is opened so the
 * builds are looked up once per compose (MBS or the modular tags), not again when the content is
 * read. Keyed by what names them exactly in the resolved request (the {@code N:S:V:C} list, the
 * scratch modules, the modular tags and their event); taken out when used, the oldest dropped past
 * {@link #CAPACITY} (a compose reused instead of built never opens its content). A miss — another
 * instance resolved it, a restart — is only a second lookup.
 */
final class ResolvedModules {

  static final int CAPACITY = 16;

  private record Key(String source, String scratch, String modularTags, Long event) {}

  private final Map<Key, List<ResolvedModule>> entries =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, List<ResolvedModule>> eldest) {
          return size() > CAPACITY;
        }
      };

  synchronized void remember(ComposeSpec resolved, List<ResolvedModule> modules) {
    entries.put(key(resolved), List.copyOf(modules));
  }

  synchronized Optional<List<ResolvedModule>> take(ComposeSpec resolved) {
    return Optional.ofNullable(entries.remove(key(resolved)));
  }

  private static Key key(ComposeSpec spec) {
    return new Key(
        String.join(" ", SpaceJoined.items(SpaceJoined.of(spec.source()))),
        String.join(" ", SpaceJoined.items(spec.scratchModules())),
        String.join(" ", SpaceJoined.items(spec.modularKojiTags())),
        spec.kojiEvent());
  }
}
