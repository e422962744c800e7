package org.odcsj.source.koji;

import java.time.Instant;

/**
 * A Koji build: the source package's name, version and release (which name the topdir directories
 * of all its RPMs). {@code tagName} is set in tag listings only; {@code creationTime} may be null.
 */
public record KojiBuild(
    long id,
    String nvr,
    String packageName,
    String version,
    String release,
    Long epoch,
    String tagName,
    Instant creationTime) {
  static KojiBuild from(Object value) {
    var map = KojiValues.struct(value, "build");
    Long id = KojiValues.optionalLong(map, "build_id");
    return new KojiBuild(
        id != null ? id : KojiValues.requiredLong(map, "id"),
        KojiValues.requiredString(map, "nvr"),
        KojiValues.requiredString(map, "package_name"),
        KojiValues.requiredString(map, "version"),
        KojiValues.requiredString(map, "release"),
        KojiValues.optionalLong(map, "epoch"),
        KojiValues.optionalString(map, "tag_name"),
        KojiValues.time(map, "creation"));
  }
}
