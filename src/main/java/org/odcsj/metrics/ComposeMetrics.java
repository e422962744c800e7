package org.odcsj.metrics;

import java.util.Map;
import java.util.TreeMap;
import org.odcsj.compose.ComposeState;
import org.odcsj.compose.SourceType;

/**
 * The ODCS metrics computed from the database on each scrape (spec §8): {@code composes_total} for
 * every source type × state (zeros included) and the raw_config families.
 */
public final class ComposeMetrics {

  private ComposeMetrics() {}

  /**
   * @param byTypeAndState count per (source type code, state code)
   * @param rawConfigByState count per raw_config source and state code
   */
  public static void writeTo(
      StringBuilder out,
      Map<Integer, Map<Integer, Long>> byTypeAndState,
      Map<String, Map<Integer, Long>> rawConfigByState) {
    out.append("# HELP composes_total Total number of composes\n");
    out.append("# TYPE composes_total gauge\n");
    for (SourceType type : SourceType.values()) {
      for (ComposeState state : ComposeState.values()) {
        long n = byTypeAndState.getOrDefault(type.code(), Map.of()).getOrDefault(state.code(), 0L);
        out.append("composes_total{source_type=\"")
            .append(type.wireName())
            .append("\",state=\"")
            .append(state.wireName())
            .append("\"} ")
            .append(GenerationTimings.format(n))
            .append('\n');
      }
    }
    out.append(
        "# HELP raw_config_composes_count_total Total number of raw_config composes per source\n");
    out.append("# TYPE raw_config_composes_count_total counter\n");
    // Sources seen fewer than 5 times are summed per config name, as ODCS does.
    Map<String, Long> perSource = new TreeMap<>();
    rawConfigByState.forEach(
        (source, states) -> {
          long n = states.values().stream().mapToLong(Long::longValue).sum();
          String key = n < 5 ? source.split("#", 2)[0] + "#other_commits_or_branches" : source;
          perSource.merge(key, n, Long::sum);
        });
    perSource.forEach(
        (source, n) ->
            out.append("raw_config_composes_count_total{source=\"")
                .append(escape(source))
                .append("\"} ")
                .append(GenerationTimings.format(n))
                .append('\n'));
    out.append("# HELP raw_config_composes_total State with count\n");
    out.append("# TYPE raw_config_composes_total counter\n");
    new TreeMap<>(rawConfigByState)
        .forEach(
            (source, states) -> {
              for (ComposeState state : ComposeState.values()) {
                out.append("raw_config_composes_total{source=\"")
                    .append(escape(source))
                    .append("\",state=\"")
                    .append(state.wireName())
                    .append("\"} ")
                    .append(GenerationTimings.format(states.getOrDefault(state.code(), 0L)))
                    .append('\n');
              }
            });
  }

  static String escape(String label) {
    return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
