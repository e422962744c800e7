package org.odcsj.api;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The {@code meta} block of a list: absolute links with {@code page} and {@code per_page} first,
 * followed by the other query arguments of the request.
 */
final class PageLinks {

  private PageLinks() {}

  static JsonObject meta(UriInfo uri, int page, int perPage, long total) {
    long pages = (total + perPage - 1) / perPage;
    return Jsonp.JSON
        .createObjectBuilder()
        .add("first", link(uri, 1, perPage))
        .add("last", link(uri, pages, perPage))
        .add(
            "next",
            page < pages ? Jsonp.JSON.createValue(link(uri, page + 1, perPage)) : JsonValue.NULL)
        .add("page", page)
        .add("pages", pages)
        .add("per_page", perPage)
        .add(
            "prev",
            page > 1 ? Jsonp.JSON.createValue(link(uri, page - 1, perPage)) : JsonValue.NULL)
        .add("total", total)
        .build();
  }

  // Built by hand: UriBuilder would read "{…}" in a client's value as a template variable.
  private static String link(UriInfo uri, long page, int perPage) {
    StringJoiner query = new StringJoiner("&");
    query.add("page=" + page).add("per_page=" + perPage);
    uri.getQueryParameters()
        .forEach(
            (name, values) -> {
              if (!name.equals("page")
                  && !name.equals("per_page")
                  && !name.equals("endpoint")
                  && !name.startsWith("_")
                  && !values.isEmpty()) {
                query.add(encode(name) + "=" + encode(values.get(0)));
              }
            });
    return uri.getAbsolutePath().toString() + "?" + query;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
