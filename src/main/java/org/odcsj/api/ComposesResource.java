package org.odcsj.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Instant;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeLifecycle;
import org.odcsj.compose.ComposeQueries;

/** {@code /api/1/composes/}: list, get, submit. */
@Path("composes")
@Produces(MediaType.APPLICATION_JSON)
public class ComposesResource {

  static final int MAX_PER_PAGE = 100;

  @Inject ComposeQueries queries;
  @Inject ComposeLifecycle lifecycle;
  @Inject ComposeRequestParser parser;
  @Inject ComposeJson json;
  @Context UriInfo uriInfo;

  @GET
  @Path("/")
  public Response list(
      @QueryParam("page") @DefaultValue("1") String pageParam,
      @QueryParam("per_page") @DefaultValue("10") String perPageParam) {
    int page = positive("page", pageParam);
    int perPage = Math.min(positive("per_page", perPageParam), MAX_PER_PAGE);
    long total = queries.count();
    var items = Json.createArrayBuilder();
    queries.page(page, perPage).forEach(c -> items.add(json.summary(c)));
    JsonObject body =
        Json.createObjectBuilder()
            .add("items", items)
            .add("meta", PageLinks.meta(uriInfo, page, perPage, total))
            .build();
    return Cors.allowAll(Response.ok(body)).build();
  }

  @GET
  @Path("{id: [0-9]+}")
  public Response get(@PathParam("id") String id) {
    Compose compose = find(id).orElseThrow(() -> ApiException.notFound("No such compose found."));
    return Cors.allowAll(Response.ok(json.detail(compose))).build();
  }

  @POST
  @Path("/")
  @Consumes(MediaType.WILDCARD)
  public Response submit(String body) {
    JsonValue value = parseJson(body);
    // Authentication comes with its own issue: until then every request is anonymous (noauth).
    Compose compose = lifecycle.submit(parser.parse(value, "unknown", Instant.now()));
    return Response.ok(json.summary(compose)).build();
  }

  private java.util.Optional<Compose> find(String id) {
    try {
      return queries.find(Long.parseLong(id));
    } catch (NumberFormatException tooLarge) {
      return java.util.Optional.empty();
    }
  }

  static JsonValue parseJson(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("Failed to decode JSON object: empty body");
    }
    try (var reader = Json.createReader(new StringReader(body))) {
      return reader.readValue();
    } catch (jakarta.json.JsonException e) {
      throw ApiException.badRequest("Failed to decode JSON object: " + e.getMessage());
    }
  }

  private static int positive(String name, String value) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the 400 below
    }
    throw ApiException.badRequest("\"" + name + "\" must be a positive integer");
  }
}
