package org.odcsj.source.koji;

/**
 * One row of Koji's {@code queryHistory}: a versioned table's entry of a tag, created at {@code
 * createEvent} and, once revoked, ended at {@code revokeEvent}. {@code packageName} is set for
 * {@code tag_listing} (the build's package) and {@code tag_packages} rows.
 */
public record KojiHistoryRow(
    String table, long tagId, String packageName, long createEvent, Long revokeEvent) {

  static final String LISTING = "tag_listing";
  static final String PACKAGES = "tag_packages";
  static final String INHERITANCE = "tag_inheritance";

  static KojiHistoryRow from(String table, Object value) {
    var map = KojiValues.struct(value, table + " history row");
    String name =
        switch (table) {
          case LISTING -> KojiValues.requiredString(map, "name");
          case PACKAGES -> KojiValues.requiredString(map, "package.name");
          default -> null;
        };
    return new KojiHistoryRow(
        table,
        KojiValues.requiredLong(map, "tag_id"),
        name,
        KojiValues.requiredLong(map, "create_event"),
        KojiValues.optionalLong(map, "revoke_event"));
  }

  /** Whether the row was created or revoked after {@code after}, up to {@code upTo} included. */
  boolean changedWithin(long after, long upTo) {
    return within(createEvent, after, upTo)
        || (revokeEvent != null && within(revokeEvent, after, upTo));
  }

  private static boolean within(long event, long after, long upTo) {
    return event > after && event <= upTo;
  }
}
