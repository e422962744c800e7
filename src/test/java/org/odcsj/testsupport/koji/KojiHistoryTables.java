package org.odcsj.testsupport.koji;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.odcsj.testsupport.koji.KojiTestModel.Build;
import org.odcsj.testsupport.koji.KojiTestModel.Inheritance;
import org.odcsj.testsupport.koji.KojiTestModel.Listing;
import org.odcsj.testsupport.koji.KojiTestModel.PackageEntry;
import org.odcsj.testsupport.koji.KojiTestModel.Tag;

/**
 * Koji's {@code queryHistory(tables=None, **kwargs)} over a {@link KojiTestModel}: one array of
 * rows per table asked for (every table that has a tag when none is named), each row with the
 * members the hub's query_history selects — the versioning columns ({@code active} true or nil,
 * {@code create_event}, {@code revoke_event}, creator/revoker, {@code create_ts}/{@code
 * revoke_ts}), the table's columns and the joined names ({@code tag.name}, {@code package.name},
 * {@code parent.name}; a listing's build as {@code name}/{@code version}/{@code release}/{@code
 * epoch}/{@code build.state}). Supported options: {@code tag} (for tag_inheritance the tag as child
 * or parent, as the hub does), {@code afterEvent}, {@code beforeEvent}, {@code active}, {@code
 * queryOpts.limit}. The model keeps no tag_config/extra/external-repo/group history beyond a tag's
 * creation, so those tables answer that or nothing.
 */
final class KojiHistoryTables {
  static final List<String> TABLES =
      List.of(
          "tag_inheritance",
          "tag_config",
          "tag_extra",
          "tag_external_repos",
          "tag_listing",
          "tag_packages",
          "tag_package_owners",
          "group_config",
          "group_req_listing",
          "group_package_listing");

  private final KojiTestModel koji;

  KojiHistoryTables(KojiTestModel koji) {
    this.koji = koji;
  }

  /** {@code tag} is the tag's id, already looked up (unknown tags are the caller's fault). */
  Map<String, Object> query(List<?> tables, Long tag, Map<?, ?> kwargs) {
    List<String> asked = new ArrayList<>();
    if (tables == null) {
      asked.addAll(TABLES);
    } else {
      for (Object t : tables) {
        if (!TABLES.contains(t)) {
          throw new KojiTestFault(KojiTestFault.GENERIC_ERROR, "No such history table: " + t);
        }
        asked.add((String) t);
      }
    }
    Long after = (Long) kwargs.get("afterEvent");
    Long before = (Long) kwargs.get("beforeEvent");
    Object active = kwargs.get("active");
    Long limit = null;
    if (kwargs.get("queryOpts") instanceof Map<?, ?> opts) {
      limit = (Long) opts.get("limit");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String table : asked) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (Row r : rows(table)) {
        if (tag != null && r.tagId() != tag && (r.parentId() == null || r.parentId() != tag)) {
          continue;
        }
        long created = r.created();
        Long revoked = r.revoked();
        if (after != null && !(created > after || (revoked != null && revoked > after))) {
          continue;
        }
        if (before != null && !(created < before || (revoked != null && revoked < before))) {
          continue;
        }
        if (active != null && Boolean.TRUE.equals(active) != (revoked == null)) {
          continue;
        }
        Map<String, Object> row = common(created, revoked);
        row.putAll(r.columns().get());
        if (after != null) {
          row.put("_created_after_event", created > after);
          row.put("_revoked_after_event", revoked == null ? null : revoked > after);
        }
        if (before != null) {
          row.put("_created_before_event", created < before);
          row.put("_revoked_before_event", revoked == null ? null : revoked < before);
        }
        rows.add(row);
      }
      if (limit != null && rows.size() > limit) {
        rows = rows.subList(0, limit.intValue());
      }
      out.put(table, rows);
    }
    return out;
  }

  /** A versioned row: what the options select on, and its other columns when selected. */
  private record Row(
      long tagId,
      Long parentId,
      long created,
      Long revoked,
      java.util.function.Supplier<Map<String, Object>> columns) {}

  private List<Row> rows(String table) {
    List<Row> rows = new ArrayList<>();
    switch (table) {
      case "tag_listing" -> {
        for (Listing l : koji.listings) {
          Build b = koji.builds.get(l.buildId);
          rows.add(
              new Row(
                  l.tagId,
                  null,
                  l.createEvent,
                  l.revokeEvent,
                  () -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("build_id", l.buildId);
                    row.put("tag_id", l.tagId);
                    row.put("tag.name", koji.tags.get(l.tagId).name());
                    row.put("name", b.name());
                    row.put("version", b.version());
                    row.put("release", b.release());
                    row.put("epoch", b.epoch());
                    row.put("build.state", 1);
                    return row;
                  }));
        }
      }
      case "tag_packages" -> {
        for (PackageEntry e : koji.packageEntries) {
          rows.add(
              new Row(
                  e.tagId,
                  null,
                  e.createEvent,
                  e.revokeEvent,
                  () -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("package_id", packageId(e.name));
                    row.put("tag_id", e.tagId);
                    row.put("blocked", e.blocked);
                    row.put("extra_arches", "");
                    row.put("package.name", e.name);
                    row.put("tag.name", koji.tags.get(e.tagId).name());
                    return row;
                  }));
        }
      }
      case "tag_inheritance" -> {
        for (Inheritance i : koji.inheritance) {
          rows.add(
              new Row(
                  i.childId(),
                  i.parentId(),
                  i.createEvent(),
                  i.revokeEvent(),
                  () -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("tag_id", i.childId());
                    row.put("parent_id", i.parentId());
                    row.put("priority", (long) i.priority());
                    row.put("maxdepth", i.maxdepth() == null ? null : (long) i.maxdepth());
                    row.put("intransitive", i.intransitive());
                    row.put("noconfig", false);
                    row.put("pkg_filter", i.filter());
                    row.put("tag.name", koji.tags.get(i.childId()).name());
                    row.put("parent.name", koji.tags.get(i.parentId()).name());
                    return row;
                  }));
        }
      }
      case "tag_config" -> {
        for (Tag t : koji.tags.values()) {
          rows.add(
              new Row(
                  t.id(),
                  null,
                  t.createEvent(),
                  null,
                  () -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("tag_id", t.id());
                    row.put("arches", t.arches());
                    row.put("perm_id", null);
                    row.put("locked", false);
                    row.put("maven_support", false);
                    row.put("maven_include_all", false);
                    row.put("tag.name", t.name());
                    row.put("permission.name", null);
                    return row;
                  }));
        }
      }
      default -> {
        // the model keeps no history of these tables
      }
    }
    rows.sort((a, b) -> Long.compare(a.created(), b.created()));
    return rows;
  }

  /** A stable id per package name, as the hub's package table has (only for selected rows). */
  private long packageId(String name) {
    return 100_000L + (name.hashCode() & 0x7fffffffL);
  }

  private static Map<String, Object> common(long created, Long revoked) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("active", revoked == null ? Boolean.TRUE : null);
    row.put("create_event", created);
    row.put("revoke_event", revoked);
    row.put("creator_id", 1L);
    row.put("revoker_id", revoked == null ? null : 1L);
    row.put("creator_name", "kojiadmin");
    row.put("revoker_name", revoked == null ? null : "kojiadmin");
    row.put("create_ts", KojiTestModel.eventTs(created));
    row.put("revoke_ts", revoked == null ? null : KojiTestModel.eventTs(revoked));
    return row;
  }
}
