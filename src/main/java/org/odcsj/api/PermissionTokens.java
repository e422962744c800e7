package org.odcsj.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeResult;
import org.odcsj.compose.NewCompose;
import org.odcsj.compose.SourceType;

/** The tokens of a request that the access policy checks, per attribute (spec §5.3 step 3). */
final class PermissionTokens {

  private PermissionTokens() {}

  /** For a POST. */
  static Map<String, List<String>> of(NewCompose n) {
    Map<String, List<String>> tokens =
        common(n.sourceType(), n.source(), n.results(), n.flags(), n.arches(), n.composeType());
    if (!"default".equals(n.targetDir())) {
      tokens.put("target_dirs", List.of(n.targetDir()));
    }
    return tokens;
  }

  /** For a PATCH: the original compose's attributes; target dirs are not checked. */
  static Map<String, List<String>> of(Compose c) {
    return common(
        c.sourceType(),
        c.getSource(),
        c.getResults(),
        c.getFlags(),
        c.getArches(),
        c.getComposeType() == null ? "test" : c.getComposeType());
  }

  private static Map<String, List<String>> common(
      SourceType type, String source, int results, int flags, String arches, String composeType) {
    Map<String, List<String>> tokens = new LinkedHashMap<>();
    tokens.put("source_types", List.of(type.wireName()));
    tokens.put("sources", Arrays.asList(source.split(" ", -1)));
    tokens.put("results", ComposeResult.names(results));
    // A flag restriction never needs to list no_flags (the reference always added it).
    tokens.put("flags", ComposeFlag.names(flags));
    tokens.put("arches", Arrays.stream(arches.split(" ")).filter(a -> !a.isEmpty()).toList());
    tokens.put("compose_types", List.of(composeType));
    if (type == SourceType.RAW_CONFIG) {
      tokens.put("raw_config_keys", List.of(source.split("#", -1)[0]));
    }
    return tokens;
  }
}
