package org.odcsj.metrics;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * A histogram of how long this instance took to generate composes, per outcome. Per instance, as
 * Prometheus expects: each instance is scraped on its own.
 */
@ApplicationScoped
public class GenerationTimings {

  static final double[] BUCKETS = {0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600};
  private static final String[] OUTCOMES = {"done", "failed"};

  private final AtomicLongArray counts =
      new AtomicLongArray(OUTCOMES.length * (BUCKETS.length + 1));
  private final DoubleAdder[] sums = {new DoubleAdder(), new DoubleAdder()};

  public void record(boolean done, Duration duration) {
    int outcome = done ? 0 : 1;
    double seconds = duration.toNanos() / 1e9;
    int bucket = 0;
    while (bucket < BUCKETS.length && seconds > BUCKETS[bucket]) {
      bucket++;
    }
    counts.incrementAndGet(outcome * (BUCKETS.length + 1) + bucket);
    sums[outcome].add(seconds);
  }

  /** The histogram in text exposition format. */
  public void writeTo(StringBuilder out) {
    String name = "odcs_generation_duration_seconds";
    out.append("# HELP ").append(name).append(" Time to generate a compose, by outcome\n");
    out.append("# TYPE ").append(name).append(" histogram\n");
    for (int o = 0; o < OUTCOMES.length; o++) {
      long cumulative = 0;
      for (int b = 0; b <= BUCKETS.length; b++) {
        cumulative += counts.get(o * (BUCKETS.length + 1) + b);
        String le = b < BUCKETS.length ? format(BUCKETS[b]) : "+Inf";
        out.append(name)
            .append("_bucket{le=\"")
            .append(le)
            .append("\",outcome=\"")
            .append(OUTCOMES[o])
            .append("\"} ")
            .append(format(cumulative))
            .append('\n');
      }
      out.append(name).append("_count{outcome=\"").append(OUTCOMES[o]).append("\"} ");
      out.append(format(cumulative)).append('\n');
      out.append(name).append("_sum{outcome=\"").append(OUTCOMES[o]).append("\"} ");
      out.append(format(sums[o].sum())).append('\n');
    }
  }

  static String format(double value) {
    return String.format(
        Locale.ROOT, "%s", value == Math.rint(value) ? (double) (long) value : value);
  }
}
