package org.odcsj.source.koji;

import java.time.Instant;

/** A tag's latest ready buildroot repo: its id and the event it was made at. */
public record KojiRepo(long id, long createEvent, Instant creationTime) {
  static KojiRepo from(Object value) {
    var map = KojiValues.struct(value, "repo");
    return new KojiRepo(
        KojiValues.requiredLong(map, "id"),
        KojiValues.requiredLong(map, "create_event"),
        map.get("create_ts") instanceof Double ts
            ? KojiTime.ofEpochSeconds(ts)
            : KojiValues.time(map, "creation"));
  }
}
