package org.odcsj.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/**
 * ODCS's collection URLs end with a slash; like the reference, the unslashed forms answer a
 * permanent redirect (308 keeps the method and body) instead of a 404.
 */
@Provider
@PreMatching
public class TrailingSlashRedirect implements ContainerRequestFilter {

  private static final Set<String> COLLECTIONS = Set.of("composes", "about", "metrics");

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (path.startsWith("/")) {
      path = path.substring(1);
    }
    if (path.matches("composes/[0-9]+/")) {
      // A compose URL has no trailing slash; JAX-RS matching would otherwise accept one.
      request.abortWith(
          ErrorEnvelope.of(
              Response.Status.NOT_FOUND, "The requested URL was not found on the server."));
      return;
    }
    if (COLLECTIONS.contains(path)) {
      var target =
          request
              .getUriInfo()
              .getRequestUriBuilder()
              .replacePath(request.getUriInfo().getAbsolutePath().getPath() + "/");
      request.abortWith(Response.status(308).location(target.build()).build());
    }
  }
}
