package org.odcsj.compose;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Exact-match filters of the compose list, by entity attribute; {@code orderBy} is an entity
 * attribute too. Built by the API from query parameters.
 */
public record ComposeFilter(Map<String, Object> equalTo, String orderBy, boolean descending) {

  public ComposeFilter {
    equalTo = new LinkedHashMap<>(equalTo);
  }

  public static ComposeFilter newestFirst() {
    return new ComposeFilter(Map.of(), "id", true);
  }
}
