package org.odcsj.api;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.odcsj.compose.ComposeFilter;
import org.odcsj.compose.ComposeState;
import org.odcsj.compose.SourceType;

/**
 * The query parameters of {@code GET /api/1/composes/}: exact-match filters, {@code order_by} (with
 * {@code -} for descending, default {@code -id}), {@code page} and {@code per_page}.
 */
record ListQuery(ComposeFilter filter, int page, int perPage) {

  private static final Map<String, String> ORDER_KEYS = new LinkedHashMap<>();

  static {
    ORDER_KEYS.put("id", "id");
    ORDER_KEYS.put("owner", "owner");
    ORDER_KEYS.put("source_type", "sourceType");
    ORDER_KEYS.put("koji_event", "kojiEvent");
    ORDER_KEYS.put("state", "state");
    ORDER_KEYS.put("time_to_expire", "timeToExpire");
    ORDER_KEYS.put("time_submitted", "timeSubmitted");
    ORDER_KEYS.put("time_done", "timeDone");
    ORDER_KEYS.put("time_removed", "timeRemoved");
  }

  static ListQuery parse(MultivaluedMap<String, String> params, int maxPerPage) {
    Map<String, Object> equalTo = new LinkedHashMap<>();
    text(params, "owner", "owner", equalTo);
    text(params, "source", "source", equalTo);
    text(params, "compose_type", "composeType", equalTo);
    text(params, "label", "label", equalTo);
    text(params, "pungi_compose_id", "pungiComposeId", equalTo);
    String state = params.getFirst("state");
    if (state != null && !state.isEmpty()) {
      equalTo.put("state", stateCode(state));
    }
    String sourceType = params.getFirst("source_type");
    if (sourceType != null && !sourceType.isEmpty()) {
      equalTo.put("sourceType", sourceTypeCode(sourceType));
    }
    String task = params.getFirst("koji_task_id");
    if (task != null && !task.isEmpty()) {
      try {
        equalTo.put("kojiTaskId", Long.parseLong(task));
      } catch (NumberFormatException e) {
        throw ApiException.badRequest("\"koji_task_id\" must be an integer");
      }
    }
    String orderBy = params.getFirst("order_by");
    boolean descending = true;
    String key = "id";
    if (orderBy != null) {
      descending = orderBy.length() > 1 && orderBy.startsWith("-");
      key = descending ? orderBy.substring(1) : orderBy;
      if (key.equals("source_Type")) {
        key = "source_type"; // the reference's spelling
      }
      if (!ORDER_KEYS.containsKey(key)) {
        throw ApiException.badRequest(
            "An invalid order_by key was supplied, allowed keys are: "
                + String.join(", ", ORDER_KEYS.keySet()));
      }
    }
    int page = positive(params, "page", 1);
    int perPage = Math.min(positive(params, "per_page", 10), maxPerPage);
    if ((long) (page - 1) * perPage > Integer.MAX_VALUE) {
      // the offset of such a page does not fit the database's row offset
      throw ApiException.badRequest(
          "\"page\" must be at most " + (Integer.MAX_VALUE / perPage + 1) + " with this per_page");
    }
    return new ListQuery(
        new ComposeFilter(equalTo, ORDER_KEYS.get(key), descending), page, perPage);
  }

  private static void text(
      MultivaluedMap<String, String> params,
      String name,
      String attribute,
      Map<String, Object> to) {
    String value = params.getFirst(name);
    if (value != null && !value.isEmpty()) {
      to.put(attribute, value);
    }
  }

  private static int stateCode(String value) {
    try {
      return ComposeState.of(Integer.parseInt(value)).code();
    } catch (IllegalArgumentException e) {
      return ComposeState.byName(value)
          .orElseThrow(() -> ApiException.badRequest("Unknown state \"" + value + "\""))
          .code();
    }
  }

  private static int sourceTypeCode(String value) {
    try {
      return SourceType.of(Integer.parseInt(value)).code();
    } catch (IllegalArgumentException e) {
      return SourceType.byName(value)
          .orElseThrow(() -> ApiException.badRequest("Unknown source type \"" + value + "\""))
          .code();
    }
  }

  private static int positive(MultivaluedMap<String, String> params, String name, int fallback) {
    String value = params.getFirst(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // the 400 below
    }
    throw ApiException.badRequest("\"" + name + "\" must be a positive integer");
  }
}
