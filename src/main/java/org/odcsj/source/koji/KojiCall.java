package org.odcsj.source.koji;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One XML-RPC call: positional arguments ({@code null} is sent as nil), optionally followed by
 * Koji's keyword form, a struct with {@code __starstar} = true.
 */
public record KojiCall(String method, List<Object> params) {
  public KojiCall {
    params = Collections.unmodifiableList(params);
  }

  public static KojiCall of(String method, Object... params) {
    return new KojiCall(method, Arrays.asList(params.clone()));
  }

  /** This call with {@code keywords} appended as Koji's keyword-argument struct. */
  public KojiCall withKeywords(Map<String, ?> keywords) {
    Map<String, Object> struct = new LinkedHashMap<>(keywords);
    struct.put("__starstar", true);
    List<Object> all = new ArrayList<>(params);
    all.add(struct);
    return new KojiCall(method, all);
  }
}
