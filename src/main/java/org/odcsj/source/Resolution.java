package org.odcsj.source;

import java.util.Objects;
import org.odcsj.compose.ComposeSpec;

/**
 * A request resolved at generation: the spec as it will be composed, and how to compute the
 * fingerprint reuse compares — only when reuse is possible at all ({@code no_reuse}, a
 * regeneration), since it may cost a request to the source.
 */
public record Resolution(ComposeSpec spec, Fingerprint fingerprint) {

  /** Computes the fingerprint; "" means never reuse. */
  @FunctionalInterface
  public interface Fingerprint {
    String compute() throws SourceFailure;
  }

  public Resolution {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(fingerprint, "fingerprint");
  }

  /** A resolution whose compose is never reused. */
  public static Resolution neverReused(ComposeSpec spec) {
    return new Resolution(spec, () -> "");
  }
}
