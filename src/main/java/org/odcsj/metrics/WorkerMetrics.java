package org.odcsj.metrics;

import java.util.Map;
import java.util.TreeMap;

/**
 * ODCS's Celery metrics (spec §8) for our design: the instances are the workers (alive when their
 * heartbeat is recent) and the generation queue is the task queue.
 */
public final class WorkerMetrics {

  private WorkerMetrics() {}

  /**
   * @param expected {@code odcs.expected-instances}
   * @param instances every known instance by name, true when alive
   * @param queueLengths messages waiting per queue name
   */
  public static void writeTo(
      StringBuilder out,
      long expected,
      Map<String, Boolean> instances,
      Map<String, Long> queueLengths) {
    gauge(out, "celery_workers_expected", "Number of expected workers");
    out.append("celery_workers_expected ").append(GenerationTimings.format(expected)).append('\n');
    long alive = instances.values().stream().filter(Boolean::booleanValue).count();
    gauge(out, "celery_workers_totals", "Number of alive workers");
    out.append("celery_workers_totals ").append(GenerationTimings.format(alive)).append('\n');
    gauge(out, "celery_workers", "Number of alive workers");
    new TreeMap<>(instances)
        .forEach(
            (name, up) ->
                out.append("celery_workers{worker_name=\"")
                    .append(ComposeMetrics.escape(name))
                    .append("\"} ")
                    .append(GenerationTimings.format(up ? 1 : 0))
                    .append('\n'));
    gauge(out, "celery_queue_length", "Number of tasks in the queue.");
    new TreeMap<>(queueLengths)
        .forEach(
            (queue, n) ->
                out.append("celery_queue_length{queue_name=\"")
                    .append(ComposeMetrics.escape(queue))
                    .append("\"} ")
                    .append(GenerationTimings.format(n))
                    .append('\n'));
  }

  private static void gauge(StringBuilder out, String name, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(" gauge\n");
  }
}
