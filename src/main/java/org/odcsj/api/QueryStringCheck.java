package org.odcsj.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;

/**
 * Refuses a query string that cannot be decoded, or whose names or values hold control characters
 * (a NUL cannot even be sent to PostgreSQL): 400 naming the parameter, before any resource or query
 * sees it.
 */
@PreMatching
@jakarta.ws.rs.ext.Provider
public class QueryStringCheck implements ContainerRequestFilter {

  @Override
  public void filter(ContainerRequestContext request) {
    if (request.getUriInfo().getRequestUri().getRawQuery() == null) {
      return;
    }
    MultivaluedMap<String, String> params;
    try {
      params = request.getUriInfo().getQueryParameters();
    } catch (IllegalArgumentException malformed) {
      throw ApiException.badRequest("The query string is malformed: " + malformed.getMessage());
    }
    for (Map.Entry<String, List<String>> param : params.entrySet()) {
      String name = param.getKey();
      if (hasControl(name)) {
        throw ApiException.badRequest("A query parameter name contains a control character");
      }
      for (String value : param.getValue()) {
        if (hasControl(value)) {
          throw ApiException.badRequest(
              "\"" + name + "\" must not contain control characters or invalid UTF-8");
        }
      }
    }
  }

  /** Control characters, and the replacement character a decoder puts for invalid UTF-8. */
  static boolean hasControl(String s) {
    return s.codePoints()
        .anyMatch(
            c ->
                Character.isISOControl(c)
                    || c == '\uFFFD'
                    || Character.getType(c) == Character.SURROGATE); // a lone half
  }
}
