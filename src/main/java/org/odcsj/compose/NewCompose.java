package org.odcsj.compose;

import java.time.Instant;

/**
 * A validated request for a compose, as the API hands it to {@link ComposeLifecycle}: who asks,
 * what they ask for, and its lifetime.
 */
public record NewCompose(
    String owner, ComposeSpec spec, Instant timeSubmitted, Instant timeToExpire) {

  /** A builder starting from the ODCS defaults (results = repository, compose type test). */
  public static Builder builder(String owner, SourceType type, String source) {
    return new Builder(owner, type, source);
  }

  /** Fluent construction, mainly for tests and copies. */
  public static final class Builder {
    private final String owner;
    private final ComposeSpec.Builder spec;
    private Instant submitted = Instant.now();
    private long secondsToLive = 86_400;

    private Builder(String owner, SourceType type, String source) {
      this.owner = owner;
      this.spec =
          ComposeSpec.builder(type)
              .source(source)
              .sigkeys("")
              .results(ComposeResult.REPOSITORY.bit())
              .arches("x86_64")
              .multilibArches("")
              .lookasideRepos("")
              .composeType("test")
              .targetDir("default");
    }

    public Builder packages(String packages) {
      spec.packages(packages);
      return this;
    }

    public Builder builds(String builds) {
      spec.builds(builds);
      return this;
    }

    public Builder sigkeys(String sigkeys) {
      spec.sigkeys(sigkeys);
      return this;
    }

    public Builder arches(String arches) {
      spec.arches(arches);
      return this;
    }

    public Builder submitted(Instant submitted, long secondsToLive) {
      this.submitted = submitted;
      this.secondsToLive = secondsToLive;
      return this;
    }

    public NewCompose build() {
      return new NewCompose(owner, spec.build(), submitted, submitted.plusSeconds(secondsToLive));
    }
  }
}
