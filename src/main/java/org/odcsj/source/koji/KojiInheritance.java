package org.odcsj.source.koji;

import java.util.List;

/**
 * One parent in a tag's full inheritance, in the hub's order (depth first, by priority): {@code
 * currdepth} 1 for a direct parent; {@code maxdepth} null when unlimited.
 */
public record KojiInheritance(
    long parentId,
    String name,
    int depth,
    int priority,
    List<String> filter,
    boolean noconfig,
    boolean intransitive,
    Integer maxdepth) {
  static KojiInheritance from(Object value) {
    var map = KojiValues.struct(value, "inheritance entry");
    Long maxdepth = KojiValues.optionalLong(map, "maxdepth");
    return new KojiInheritance(
        KojiValues.requiredLong(map, "parent_id"),
        KojiValues.requiredString(map, "name"),
        (int) KojiValues.requiredLong(map, "currdepth"),
        (int) KojiValues.requiredLong(map, "priority"),
        KojiValues.words(map, "filter"),
        KojiValues.flag(map, "noconfig"),
        KojiValues.flag(map, "intransitive"),
        maxdepth == null ? null : maxdepth.intValue());
  }
}
