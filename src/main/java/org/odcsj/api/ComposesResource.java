package org.odcsj.api;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonGenerator;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.odcsj.compose.Compose;
import org.odcsj.compose.ComposeFilter;
import org.odcsj.compose.ComposeLifecycle;
import org.odcsj.compose.ComposeQueries;
import org.odcsj.compose.NewCompose;
import org.odcsj.config.OdcsConfig;
import org.odcsj.security.AccessPolicy;
import org.odcsj.security.Authorization;
import org.odcsj.security.Caller;
import org.odcsj.security.CallerResolver;

/**
 * {@code /api/1/composes/}: list, get, submit, renew, cancel/remove. One instance serves every
 * request (the request's UriInfo and HttpServletRequest are injected as proxies): creating and
 * injecting a resource per request was a tenth of a list request's time.
 */
@ApplicationScoped
@Path("composes")
@Produces(MediaType.APPLICATION_JSON)
public class ComposesResource {

  @Inject ComposeQueries queries;
  @Inject ComposeLifecycle lifecycle;
  @Inject ComposeRequestParser parser;
  @Inject ComposeJson json;
  @Inject CallerResolver callers;
  @Inject Authorization authorization;
  @Inject OdcsConfig config;
  @Context UriInfo uriInfo;
  @Context HttpServletRequest request;

  @GET
  @Path("/")
  public Response list() {
    ListQuery query = ListQuery.parse(uriInfo.getQueryParameters(), config.maxPerPage());
    ComposeFilter filter = query.filter();
    long total = queries.count(filter);
    List<Compose> items = queries.page(filter, query.page(), query.perPage());
    PageLinks meta = PageLinks.of(uriInfo, query.page(), query.perPage(), total);
    StreamingOutput body =
        out -> {
          try (JsonGenerator g = Jsonp.GENERATORS.createGenerator(out)) {
            g.writeStartObject();
            g.writeStartArray("items");
            items.forEach(c -> json.write(g, c, ComposeJson.Form.SUMMARY));
            g.writeEnd();
            meta.write(g);
            g.writeEnd();
          }
        };
    return Cors.allowAll(Response.ok(body)).build();
  }

  @GET
  @Path("{id: [0-9]+}")
  public Response get(@PathParam("id") String id) {
    Compose compose = find(id).orElseThrow(() -> ApiException.notFound("No such compose found."));
    return Cors.allowAll(Response.ok(json.body(compose, ComposeJson.Form.DETAIL))).build();
  }

  @POST
  @Path("/")
  @Consumes(MediaType.WILDCARD)
  public Response submit(String body) {
    Caller caller = callers.resolve(request);
    authorization.requireScope(caller, "new-compose");
    AccessPolicy policy = authorization.policy();
    policy.requireAllowedClient(caller);
    NewCompose requested = parser.parse(parseJson(body), caller.username(), Instant.now());
    policy.checkPermissions(caller, PermissionTokens.of(requested));
    return Response.ok(json.body(lifecycle.submit(requested), ComposeJson.Form.SUMMARY)).build();
  }

  @PATCH
  @Path("{id: [0-9]+}")
  @Consumes(MediaType.WILDCARD)
  public Response renew(@PathParam("id") String id, String body) {
    Caller caller = callers.resolve(request);
    authorization.requireScope(caller, "renew-compose");
    AccessPolicy policy = authorization.policy();
    policy.requireAllowedClient(caller);
    JsonObject patch =
        body == null || body.isBlank() ? JsonValue.EMPTY_JSON_OBJECT : asObject(parseJson(body));
    InputValidator.validate(patch);
    long secondsToLive = parser.secondsToLive(patch);
    String notFound = "No compose with id " + id + " found";
    Compose old =
        find(id)
            .filter(c -> c.state().code() >= 2) // done, removed, failed
            .orElseThrow(() -> ApiException.notFound(notFound));
    String sigkeys =
        ComposeRequestParser.strings(patch, "sigkeys").map(l -> String.join(" ", l)).orElse(null);
    JsonObject source =
        patch.get("source") instanceof JsonObject o ? o : JsonValue.EMPTY_JSON_OBJECT;
    String modules = joined(source, "modules");
    String builds = joined(source, "builds");
    policy.checkPermissions(caller, PermissionTokens.of(old));
    Compose renewed =
        lifecycle.renew(
            old.getId(),
            caller.username(),
            new ComposeLifecycle.Renewal(sigkeys, modules, builds, secondsToLive));
    return Response.ok(json.body(renewed, ComposeJson.Form.SUMMARY)).build();
  }

  @DELETE
  @Path("{id: [0-9]+}")
  public Response delete(@PathParam("id") String id) {
    Caller caller = callers.resolve(request);
    authorization.requireScope(caller, "delete-compose");
    long composeId =
        find(id)
            .map(Compose::getId)
            .orElseThrow(() -> ApiException.notFound("No such compose found."));
    boolean admin = authorization.policy().isAdmin(caller);
    String message =
        switch (lifecycle.delete(composeId, caller.username(), admin)) {
          case CANCELED -> "Compose (id=" + composeId + ") has been canceled";
          case REMOVAL_ACCEPTED ->
              "The delete request for compose (id="
                  + composeId
                  + ") has been accepted and will be processed by backend later.";
        };
    return Response.status(Response.Status.ACCEPTED)
        .entity(Jsonp.JSON.createObjectBuilder().add("message", message).add("status", 202).build())
        .build();
  }

  private Optional<Compose> find(String id) {
    try {
      return queries.find(Long.parseLong(id));
    } catch (NumberFormatException tooLarge) {
      return Optional.empty();
    }
  }

  private static String joined(JsonObject object, String key) {
    return ComposeRequestParser.strings(object, key).map(l -> String.join(" ", l)).orElse(null);
  }

  private static JsonObject asObject(JsonValue value) {
    if (!(value instanceof JsonObject object)) {
      throw ApiException.badRequest("The request body must be a JSON object");
    }
    return object;
  }

  static JsonValue parseJson(String body) {
    if (body == null || body.isBlank()) {
      throw ApiException.badRequest("Failed to decode JSON object: empty body");
    }
    try (var reader = Jsonp.JSON.createReader(new StringReader(body))) {
      return reader.readValue();
    } catch (RuntimeException e) {
      // Parsson refuses more than JsonException: nesting deeper than its limit (a plain
      // RuntimeException), numbers beyond its digit and scale limits. All are the body's fault.
      throw ApiException.badRequest("Failed to decode JSON object: " + e.getMessage());
    }
  }
}
