package org.odcsj.api;

import jakarta.json.stream.JsonGenerator;
import jakarta.ws.rs.core.UriInfo;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * The {@code meta} block of a list: absolute links with {@code page} and {@code per_page} first,
 * followed by the other query arguments of the request. Made while the request is served (the links
 * read its URI), written later with the body.
 */
record PageLinks(
    String first,
    String last,
    String next,
    String prev,
    int page,
    long pages,
    int perPage,
    long total) {

  static PageLinks of(UriInfo uri, int page, int perPage, long total) {
    long pages = (total + perPage - 1) / perPage;
    return new PageLinks(
        link(uri, 1, perPage),
        link(uri, pages, perPage),
        page < pages ? link(uri, page + 1, perPage) : null,
        page > 1 ? link(uri, page - 1, perPage) : null,
        page,
        pages,
        perPage,
        total);
  }

  /** Writes the {@code meta} object, keys in alphabetical order. */
  void write(JsonGenerator g) {
    g.writeStartObject("meta");
    g.write("first", first);
    g.write("last", last);
    if (next == null) {
      g.writeNull("next");
    } else {
      g.write("next", next);
    }
    g.write("page", page);
    g.write("pages", pages);
    g.write("per_page", perPage);
    if (prev == null) {
      g.writeNull("prev");
    } else {
      g.write("prev", prev);
    }
    g.write("total", total);
    g.writeEnd();
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
