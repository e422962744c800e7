package org.odcsj.source.koji;

import java.time.Instant;

/** A Koji event: the id that freezes a tag's content, and when it happened. */
public record KojiEvent(long id, Instant time) {
  static KojiEvent from(Object value) {
    var map = KojiValues.struct(value, "event");
    Object ts = map.get("ts");
    Instant time = ts instanceof Double d ? KojiTime.ofEpochSeconds(d) : null;
    return new KojiEvent(KojiValues.requiredLong(map, "id"), time);
  }
}
