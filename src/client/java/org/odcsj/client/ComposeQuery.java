package org.odcsj.client;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The filters, order and page of a compose listing ({@code GET /api/1/composes/}). */
public final class ComposeQuery {

  private final Map<String, String> params = new LinkedHashMap<>();

  public static ComposeQuery all() {
    return new ComposeQuery();
  }

  private ComposeQuery set(String key, Object value) {
    if (value != null && !value.toString().isEmpty()) {
      params.put(key, value.toString());
    } else {
      params.remove(key);
    }
    return this;
  }

  public ComposeQuery owner(String owner) {
    return set("owner", owner);
  }

  public ComposeQuery sourceType(SourceType type) {
    return set("source_type", type == null ? null : type.number());
  }

  public ComposeQuery source(String source) {
    return set("source", source);
  }

  public ComposeQuery state(ComposeState state) {
    return set("state", state == null ? null : state.number());
  }

  public ComposeQuery kojiTaskId(Long id) {
    return set("koji_task_id", id);
  }

  public ComposeQuery pungiComposeId(String id) {
    return set("pungi_compose_id", id);
  }

  public ComposeQuery composeType(String composeType) {
    return set("compose_type", composeType);
  }

  public ComposeQuery label(String label) {
    return set("label", label);
  }

  /** A sort key ({@code id}, {@code time_done}, …), {@code -} in front for descending. */
  public ComposeQuery orderBy(String key) {
    return set("order_by", key);
  }

  public ComposeQuery perPage(Integer perPage) {
    if (perPage != null && perPage < 1) {
      throw new IllegalArgumentException("per_page must be greater than or equal to 1.");
    }
    return set("per_page", perPage);
  }

  public ComposeQuery page(Integer page) {
    if (page != null && page < 1) {
      throw new IllegalArgumentException("page number must start from 1.");
    }
    return set("page", page);
  }

  Integer page() {
    return params.containsKey("page") ? Integer.valueOf(params.get("page")) : null;
  }

  ComposeQuery copy() {
    ComposeQuery copy = new ComposeQuery();
    copy.params.putAll(params);
    return copy;
  }

  String queryString() {
    return params.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
