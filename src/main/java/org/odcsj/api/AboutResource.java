package org.odcsj.api;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.odcsj.config.OdcsConfig;
import org.odcsj.config.Version;

/** {@code /api/1/about/}: what this server is and how it is configured for clients. */
@Path("about")
public class AboutResource {

  @Inject OdcsConfig config;

  @GET
  @Path("/")
  @Produces(MediaType.APPLICATION_JSON)
  public Response about() {
    String version = Version.get();
    var body =
        Json.createObjectBuilder()
            .add(
                "allowed_clients",
                Json.createObjectBuilder()
                    .add("groups", Json.createObjectBuilder())
                    .add("users", Json.createObjectBuilder()))
            .add("auth_backend", config.authBackend())
            .add("raw_config_urls", Json.createObjectBuilder())
            .add("sigkeys", Json.createArrayBuilder())
            .add("version", version == null ? "unknown" : version)
            .build();
    return Cors.allowAll(Response.ok(body)).build();
  }
}
