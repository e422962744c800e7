package org.odcsj.api;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.odcsj.broker.GenerationQueueLength;
import org.odcsj.compose.ComposeQueries;
import org.odcsj.config.OdcsConfig;
import org.odcsj.instance.InstanceHeartbeats;
import org.odcsj.metrics.ComposeMetrics;
import org.odcsj.metrics.GenerationTimings;
import org.odcsj.metrics.WorkerMetrics;

/** {@code /api/1/metrics/}: ODCS's metrics in Prometheus text format 0.0.4. */
@Path("metrics")
public class MetricsResource {

  static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

  @Inject ComposeQueries queries;
  @Inject GenerationTimings timings;
  @Inject InstanceHeartbeats heartbeats;
  @Inject GenerationQueueLength queueLength;
  @Inject OdcsConfig config;

  @GET
  @Path("/")
  @Produces(TEXT_FORMAT)
  public Response metrics() {
    StringBuilder out = new StringBuilder();
    ComposeMetrics.writeTo(
        out, queries.countByTypeAndState(), queries.countRawConfigBySourceAndState());
    // An instance is alive while its heartbeat is at most three periods old.
    WorkerMetrics.writeTo(
        out,
        config.expectedInstances(),
        heartbeats.seenWithin(config.instanceDeadAfter()),
        Map.of(queueLength.queueName(), queueLength.waiting()));
    timings.writeTo(out);
    return Cors.allowAll(Response.ok(out.toString(), TEXT_FORMAT)).build();
  }
}
