package org.odcsj.source.koji;

import java.util.Map;

/**
 * A module build in Koji, as {@code getBuild} describes it in {@code extra.typeinfo.module}: its
 * {@code N:S:V:C}, the tag holding its RPMs ({@code content_koji_tag}) and its modulemd. {@code
 * tagName} is the modular tag it was found in.
 */
record KojiModuleBuild(
    long id,
    String name,
    String stream,
    long version,
    String context,
    String contentKojiTag,
    String modulemd,
    String tagName) {

  /** {@code N:S}. */
  String nameStream() {
    return name + ":" + stream;
  }

  /** From a {@code getBuild} answer; null when it is no module build. */
  static KojiModuleBuild from(Object value, String tagName) {
    Map<?, ?> build = KojiValues.struct(value, "build");
    if (!(build.get("extra") instanceof Map<?, ?> extra)
        || !(extra.get("typeinfo") instanceof Map<?, ?> typeinfo)
        || !(typeinfo.get("module") instanceof Map<?, ?> module)) {
      return null;
    }
    String version = KojiValues.requiredString(module, "version");
    long parsed;
    try {
      parsed = Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("module build version is no number: " + version);
    }
    return new KojiModuleBuild(
        KojiValues.requiredLong(build, "id"),
        KojiValues.requiredString(module, "name"),
        KojiValues.requiredString(module, "stream"),
        parsed,
        KojiValues.requiredString(module, "context"),
        KojiValues.requiredString(module, "content_koji_tag"),
        KojiValues.requiredString(module, "modulemd_str"),
        tagName);
  }
}
