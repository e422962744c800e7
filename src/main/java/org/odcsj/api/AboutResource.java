package org.odcsj.api;

import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.odcsj.config.OdcsConfig;
import org.odcsj.config.RawConfigUrls;
import org.odcsj.config.Version;
import org.odcsj.security.Authorization;

/** {@code /api/1/about/}: what this server is and how it is configured for clients. */
@Path("about")
public class AboutResource {

  @Inject OdcsConfig config;
  @Inject Authorization authorization;

  @GET
  @Path("/")
  @Produces(MediaType.APPLICATION_JSON)
  public Response about() {
    JsonObjectBuilder rawConfigUrls = Jsonp.JSON.createObjectBuilder();
    RawConfigUrls.parse(config.rawConfigUrlsJson()).forEach(rawConfigUrls::add);
    JsonArrayBuilder sigkeys = Jsonp.JSON.createArrayBuilder();
    config.sigkeys().forEach(sigkeys::add);
    var body =
        Jsonp.JSON
            .createObjectBuilder()
            .add("allowed_clients", toJson(authorization.allowedClients()))
            .add("auth_backend", config.authBackend())
            .add("raw_config_urls", rawConfigUrls)
            .add("sigkeys", sigkeys)
            .add("version", Version.get())
            .build();
    return Cors.allowAll(Response.ok(body)).build();
  }

  /** The policy file's structure (maps, lists, scalars) as JSON, verbatim. */
  static JsonValue toJson(Object value) {
    if (value instanceof Map<?, ?> map) {
      JsonObjectBuilder b = Jsonp.JSON.createObjectBuilder();
      map.forEach((k, v) -> b.add(String.valueOf(k), toJson(v)));
      return b.build();
    } else if (value instanceof List<?> list) {
      JsonArrayBuilder b = Jsonp.JSON.createArrayBuilder();
      list.forEach(v -> b.add(toJson(v)));
      return b.build();
    } else if (value == null) {
      return JsonValue.NULL;
    } else if (value instanceof Boolean bool) {
      return bool ? JsonValue.TRUE : JsonValue.FALSE;
    } else if (value instanceof Number n) {
      return Jsonp.JSON.createValue(new java.math.BigDecimal(n.toString()));
    }
    return Jsonp.JSON.createValue(String.valueOf(value));
  }
}
