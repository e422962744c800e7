package org.odcsj.source;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;

/**
 * The sources this server has, by type: every {@link ComposeSource} bean (produced by {@code
 * generation.SourcePlugins}), found once. The only class of the seam that knows the container.
 */
@ApplicationScoped
public class ComposeSources {

  private final Map<SourceType, ComposeSource> byType = new EnumMap<>(SourceType.class);

  protected ComposeSources() {}

  @Inject
  public ComposeSources(
      @Any Instance<ComposeSource> sources, @Any Instance<ComposeSourceGroup> groups) {
    List<ComposeSource> all = new ArrayList<>();
    sources.forEach(all::add);
    groups.forEach(g -> all.addAll(g.sources()));
    for (ComposeSource source : all) {
      ComposeSource earlier = byType.put(source.type(), source);
      if (earlier != null) {
        throw new IllegalStateException(
            "Two sources of type " + source.type().wireName() + ": " + earlier + ", " + source);
      }
    }
  }

  public Optional<ComposeSource> of(SourceType type) {
    return Optional.ofNullable(byType.get(type));
  }

  /** The source's checks of a request at submission (none for a type without a source yet). */
  public void validate(ComposeSpec spec) throws InvalidSourceRequest {
    ComposeSource source = byType.get(spec.sourceType());
    if (source != null) {
      source.validate(spec);
    }
  }
}
