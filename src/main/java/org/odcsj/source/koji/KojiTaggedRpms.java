package org.odcsj.source.koji;

import java.util.List;

/** What {@code listTaggedRPMS} answers: the RPMs and the builds they belong to. */
public record KojiTaggedRpms(List<KojiRpm> rpms, List<KojiBuild> builds) {
  static KojiTaggedRpms from(Object value) {
    List<?> pair = KojiValues.list(value, "listTaggedRPMS result");
    if (pair.size() != 2) {
      throw new IllegalArgumentException("listTaggedRPMS result is not [rpms, builds]");
    }
    return new KojiTaggedRpms(
        KojiValues.list(pair.get(0), "rpms").stream().map(KojiRpm::from).toList(),
        KojiValues.list(pair.get(1), "builds").stream().map(KojiBuild::from).toList());
  }
}
