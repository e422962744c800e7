package org.odcsj.modulemd;

import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * The schema used for writing: a string is written quoted whenever any reader might take it for
 * something else — a YAML 1.2 number ({@code "00000000"}, {@code "1"}) or a YAML 1.1 boolean or
 * base-60 number ({@code "on"}, {@code "no"}, {@code "1:20"}), as libyaml-based tools read them.
 */
final class QuotingSchema extends CoreSchema {

  private static final Pattern YAML11_BOOL =
      Pattern.compile("^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF)$");
  private static final Pattern YAML11_SEXAGESIMAL =
      Pattern.compile("^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\\.[0-9_]*)?$");

  private final ScalarResolver resolver;

  QuotingSchema() {
    CoreScalarResolver core = new CoreScalarResolver(false);
    core.addImplicitResolver(Tag.BOOL, YAML11_BOOL, "yYnNoO");
    core.addImplicitResolver(Tag.INT, YAML11_SEXAGESIMAL, "-+0123456789");
    this.resolver = core;
  }

  @Override
  public ScalarResolver getScalarResolver() {
    return resolver;
  }
}
