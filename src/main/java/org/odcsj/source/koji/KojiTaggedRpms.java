package org.odcsj.source.koji;

import java.util.List;

/**
 * What {@code listTaggedRPMS} answers: the RPMs and the builds they belong to; {@code drafts} when
 * a build is a draft (Koji 1.34+), whose NVR changes in place when it is promoted.
 */
public record KojiTaggedRpms(List<KojiRpm> rpms, List<KojiBuild> builds, boolean drafts) {
  public KojiTaggedRpms(List<KojiRpm> rpms, List<KojiBuild> builds) {
    this(rpms, builds, false);
  }

  static KojiTaggedRpms from(Object value) {
    List<?> pair = KojiValues.list(value, "listTaggedRPMS result");
    if (pair.size() != 2) {
      throw new IllegalArgumentException("listTaggedRPMS result is not [rpms, builds]");
    }
    List<?> builds = KojiValues.list(pair.get(1), "builds");
    boolean drafts =
        builds.stream().anyMatch(b -> KojiValues.flag(KojiValues.struct(b, "build"), "draft"));
    return new KojiTaggedRpms(
        KojiValues.list(pair.get(0), "rpms").stream().map(KojiRpm::from).toList(),
        builds.stream().map(KojiBuild::from).toList(),
        drafts);
  }
}
