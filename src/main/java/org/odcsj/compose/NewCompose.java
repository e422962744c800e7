package org.odcsj.compose;

import java.time.Instant;

/**
 * A validated request for a compose, as the API hands it to {@link ComposeLifecycle}. List-like
 * fields are already space-joined the way ODCS stores them; null means "not given".
 */
public record NewCompose(
    String owner,
    SourceType sourceType,
    String source,
    String packages,
    String builds,
    String sigkeys,
    Long kojiEvent,
    int flags,
    int results,
    String arches,
    String multilibArches,
    int multilibMethod,
    String lookasideRepos,
    String modularKojiTags,
    String moduleDefaultsUrl,
    String modules,
    String scratchModules,
    String scratchBuildTasks,
    String parentPungiComposeIds,
    String respinOf,
    String baseModuleBrName,
    String baseModuleBrStream,
    Long baseModuleBrStreamVersionLte,
    Long baseModuleBrStreamVersionGte,
    String label,
    String composeType,
    String targetDir,
    Instant timeSubmitted,
    Instant timeToExpire) {

  /** A builder starting from the ODCS defaults (results = repository, compose type test). */
  public static Builder builder(String owner, SourceType type, String source) {
    return new Builder(owner, type, source);
  }

  /** Fluent construction, mainly for tests and copies. */
  public static final class Builder {
    private final String owner;
    private final SourceType type;
    private final String source;
    private String packages;
    private String builds;
    private String sigkeys = "";
    private int results = ComposeResult.REPOSITORY.bit();
    private String arches = "x86_64";
    private String composeType = "test";
    private Instant submitted = Instant.now();
    private long secondsToLive = 86_400;

    private Builder(String owner, SourceType type, String source) {
      this.owner = owner;
      this.type = type;
      this.source = source;
    }

    public Builder packages(String packages) {
      this.packages = packages;
      return this;
    }

    public Builder builds(String builds) {
      this.builds = builds;
      return this;
    }

    public Builder sigkeys(String sigkeys) {
      this.sigkeys = sigkeys;
      return this;
    }

    public Builder arches(String arches) {
      this.arches = arches;
      return this;
    }

    public Builder submitted(Instant submitted, long secondsToLive) {
      this.submitted = submitted;
      this.secondsToLive = secondsToLive;
      return this;
    }

    public NewCompose build() {
      return new NewCompose(
          owner,
          type,
          source,
          packages,
          builds,
          sigkeys,
          null,
          0,
          results,
          arches,
          "",
          0,
          "",
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          null,
          composeType,
          "default",
          submitted,
          submitted.plusSeconds(secondsToLive));
    }
  }
}
