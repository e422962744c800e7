package org.odcsj.source.koji;

/**
 * A binary or source RPM known to Koji. {@code epoch} is null when the package has none; {@code
 * size} is a long (Koji sends {@code <i8>} past 2 GiB); {@code payloadhash} is the hex MD5 of
 * header + payload that rpm stores as sigmd5 — the same for every signed copy.
 */
public record KojiRpm(
    long id,
    String name,
    String version,
    String release,
    Long epoch,
    String arch,
    long buildId,
    String payloadhash,
    long size) {

  /** {@code name-version-release.arch}, the file name without {@code .rpm}. */
  public String nvra() {
    return name + "-" + version + "-" + release + "." + arch;
  }

  static KojiRpm from(Object value) {
    var map = KojiValues.struct(value, "rpm");
    return new KojiRpm(
        KojiValues.requiredLong(map, "id"),
        KojiValues.requiredString(map, "name"),
        KojiValues.requiredString(map, "version"),
        KojiValues.requiredString(map, "release"),
        KojiValues.optionalLong(map, "epoch"),
        KojiValues.requiredString(map, "arch"),
        KojiValues.requiredLong(map, "build_id"),
        KojiValues.requiredString(map, "payloadhash"),
        KojiValues.requiredLong(map, "size"));
  }
}
