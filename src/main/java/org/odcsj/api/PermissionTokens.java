package org.odcsj.api;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeFlag;
import org.odcsj.compose.ComposeResult;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.NewCompose;
import org.odcsj.compose.SourceType;
import org.odcsj.compose.SpaceJoined;

/** The tokens of a request that the access policy checks, per attribute (spec §5.3 step 3). */
final class PermissionTokens {

  private PermissionTokens() {}

  /** For a POST. */
  static Map<String, List<String>> of(NewCompose n) {
    ComposeSpec spec = n.spec();
    Map<String, List<String>> tokens = common(spec, spec.composeType());
    if (!"default".equals(spec.targetDir())) {
      tokens.put("target_dirs", List.of(spec.targetDir()));
    }
    return tokens;
  }

  /** For a PATCH: the original compose's attributes; target dirs are not checked. */
  static Map<String, List<String>> of(Compose c) {
    ComposeSpec spec = c.spec();
    return common(spec, spec.composeType() == null ? "test" : spec.composeType());
  }

  private static Map<String, List<String>> common(ComposeSpec spec, String composeType) {
    SourceType type = spec.sourceType();
    String source = spec.source();
    Map<String, List<String>> tokens = new LinkedHashMap<>();
    tokens.put("source_types", List.of(type.wireName()));
    tokens.put("sources", Arrays.asList(source.split(" ", -1)));
    tokens.put("results", ComposeResult.names(spec.results()));
    // A flag restriction never needs to list no_flags (the reference always added it).
    tokens.put("flags", ComposeFlag.names(spec.flags()));
    tokens.put("arches", SpaceJoined.items(spec.arches()));
    tokens.put("compose_types", List.of(composeType));
    if (type == SourceType.RAW_CONFIG) {
      tokens.put("raw_config_keys", List.of(source.split("#", -1)[0]));
    }
    return tokens;
  }
}
