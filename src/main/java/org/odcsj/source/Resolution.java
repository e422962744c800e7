package org.odcsj.source;

import java.util.Objects;
import org.odcsj.compose.ComposeSpec;

/**
 * A request resolved at generation: the spec as it will be composed, and how to compute the
 * fingerprint reuse compares — only when reuse is possible at all ({@code no_reuse}, a
 * regeneration), since it may cost a request to the source.
 */
public record Resolution(ComposeSpec spec, Fingerprint fingerprint, OlderContent olderContent) {

  /** Computes the fingerprint; "" means never reuse. */
  @FunctionalInterface
  public interface Fingerprint {
    String compute() throws SourceFailure;
  }

  /**
   * Whether an older compose of another fingerprint holds the same content all the same (a tag
   * composed at an older event and unchanged since); asked outside any transaction.
   */
  @FunctionalInterface
  public interface OlderContent {
    boolean sameAs(String olderFingerprint) throws SourceFailure;
  }

  /** Only an equal fingerprint means the same content. */
  public static final OlderContent ONLY_EQUAL_FINGERPRINTS = older -> false;

  public Resolution {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(olderContent, "olderContent");
  }

  /** A resolution whose reuse needs an equal fingerprint. */
  public Resolution(ComposeSpec spec, Fingerprint fingerprint) {
    this(spec, fingerprint, ONLY_EQUAL_FINGERPRINTS);
  }

  /** A resolution whose compose is never reused. */
  public static Resolution neverReused(ComposeSpec spec) {
    return new Resolution(spec, () -> "");
  }
}
