package org.odcsj.source.koji;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** One XML-RPC call with positional arguments ({@code null} is sent as nil). */
public record KojiCall(String method, List<Object> params) {
  public KojiCall {
    params = Collections.unmodifiableList(params);
  }

  public static KojiCall of(String method, Object... params) {
    return new KojiCall(method, Arrays.asList(params.clone()));
  }
}
