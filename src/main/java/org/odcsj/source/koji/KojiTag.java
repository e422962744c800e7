package org.odcsj.source.koji;

import java.util.List;

/** A Koji tag as {@code getTag} returns it; {@code arches} is empty when the tag sets none. */
public record KojiTag(long id, String name, List<String> arches, boolean locked) {
  static KojiTag from(Object value) {
    var map = KojiValues.struct(value, "tag");
    return new KojiTag(
        KojiValues.requiredLong(map, "id"),
        KojiValues.requiredString(map, "name"),
        KojiValues.words(map, "arches"),
        KojiValues.flag(map, "locked"));
  }
}
