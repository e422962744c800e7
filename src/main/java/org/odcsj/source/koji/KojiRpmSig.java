package org.odcsj.source.koji;

/**
 * A signature Koji recorded for an RPM: {@code sigkey} lowercase hex, {@code ""} for the header as
 * imported. A row does not promise a signed copy in the topdir.
 */
public record KojiRpmSig(long rpmId, String sigkey, String sighash) {
  static KojiRpmSig from(Object value) {
    var map = KojiValues.struct(value, "rpm signature");
    return new KojiRpmSig(
        KojiValues.requiredLong(map, "rpm_id"),
        KojiValues.requiredString(map, "sigkey"),
        KojiValues.optionalString(map, "sighash"));
  }
}
