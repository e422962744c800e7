package org.odcsj.source.koji.mbs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A {@code module-builds} query as ODCS sends it: one {@code nsvc}, the accepted states, newest
 * version first, with modulemd ({@code verbose=True}), optionally narrowed to builds against a base
 * module stream and stream-version range; {@code scratchOnly} asks for scratch builds ({@code
 * scratch=True}).
 */
public record MbsQuery(
    String nsvc, Set<Integer> states, BaseModuleFilter base, boolean scratchOnly) {

  /**
   * {@code base_module_br_name}, {@code base_module_br_stream} and the {@code
   * base_module_br_stream_version_lte/gte} bounds; every part optional.
   */
  public record BaseModuleFilter(String name, String stream, Long versionLte, Long versionGte) {
    public static final BaseModuleFilter NONE = new BaseModuleFilter(null, null, null, null);

    boolean isEmpty() {
      return name == null && stream == null && versionLte == null && versionGte == null;
    }
  }

  public MbsQuery {
    Objects.requireNonNull(nsvc, "nsvc");
    states = Set.copyOf(new TreeSet<>(states));
    base = base == null ? BaseModuleFilter.NONE : base;
  }

  /** A query for builds that are scratch builds or not. */
  public MbsQuery(String nsvc, Set<Integer> states, BaseModuleFilter base) {
    this(nsvc, states, base, false);
  }

  /** The query string, without the leading {@code ?}. */
  String queryString() {
    List<String> params = new ArrayList<>();
    params.add(param("nsvc", nsvc));
    for (int state : new TreeSet<>(states)) {
      params.add(param("state", Integer.toString(state)));
    }
    params.add(param("verbose", "True"));
    params.add(param("order_desc_by", "version"));
    if (scratchOnly) {
      params.add(param("scratch", "True"));
    }
    if (base.name() != null) {
      params.add(param("base_module_br_name", base.name()));
    }
    if (base.stream() != null) {
      params.add(param("base_module_br_stream", base.stream()));
    }
    if (base.versionLte() != null) {
      params.add(param("base_module_br_stream_version_lte", base.versionLte().toString()));
    }
    if (base.versionGte() != null) {
      params.add(param("base_module_br_stream_version_gte", base.versionGte().toString()));
    }
    return String.join("&", params);
  }

  /** The same query for another module. */
  MbsQuery forNsvc(String other) {
    return new MbsQuery(other, states, base, scratchOnly);
  }

  private static String param(String name, String value) {
    return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
