package org.odcsj.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Refuses a query string that cannot be decoded, or whose names or values hold control characters
 * (a NUL cannot even be sent to PostgreSQL): 400 naming the parameter, before any resource or query
 * sees it.
 */
@PreMatching
@jakarta.ws.rs.ext.Provider
public class QueryStringCheck implements ContainerRequestFilter {

  private static final Pattern MALFORMED_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");

  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    String raw = servletRequest.getQueryString(); // as received: JAX-RS may have re-encoded it
    if (raw == null) {
      return;
    }
    if (MALFORMED_ESCAPE.matcher(raw).find()) {
      // decoded leniently, "%ZZ" would silently become a literal filter value
      throw ApiException.badRequest(
          "The query string is malformed: \"%\" must be followed by two hexadecimal digits");
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
