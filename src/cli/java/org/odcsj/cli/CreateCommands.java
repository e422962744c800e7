package org.odcsj.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.odcsj.client.Compose;
import org.odcsj.client.ComposeRequest;
import org.odcsj.client.SourceType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The {@code create-*} commands: one per source kind, as in the Python CLI, plus ours. */
final class CreateCommands {

  private CreateCommands() {}

  /** The request fields every kind of compose takes. */
  static final class CommonOptions {
    @Option(names = "--flag", description = "A compose flag (no_deps, no_reuse, check_deps, …).")
    List<String> flags = new ArrayList<>();

    @Option(names = "--arch", description = "An architecture to compose for.")
    List<String> arches = new ArrayList<>();

    @Option(names = "--lookaside-repo", description = "A repository for dependencies only.")
    List<String> lookasideRepos = new ArrayList<>();

    @Option(names = "--result", description = "A result besides the repository (iso, …).")
    List<String> results = new ArrayList<>();

    @Option(names = "--label")
    String label;

    @Option(names = "--compose-type")
    String composeType;

    @Option(names = "--target-dir")
    String targetDir;

    @Option(names = "--seconds-to-live", description = "Lifetime (default: the server's).")
    Long secondsToLive;

    @Option(names = "--multilib-arch")
    List<String> multilibArches = new ArrayList<>();

    @Option(names = "--multilib-method", description = "runtime, devel, all or none.")
    List<String> multilibMethods = new ArrayList<>();

    ComposeRequest.Builder apply(ComposeRequest.Builder b) {
      return b.flags(flags)
          .arches(arches)
          .lookasideRepos(lookasideRepos)
          .results(results)
          .label(label)
          .composeType(composeType)
          .targetDir(targetDir)
          .secondsToLive(secondsToLive)
          .multilibArches(multilibArches)
          .multilibMethod(multilibMethods);
    }
  }

  /** The Koji-side source fields. */
  static final class KojiOptions {
    @Option(
        names = "--sigkey",
        description = "A signing key id; \"none\" allows unsigned packages.")
    List<String> sigkeys = new ArrayList<>();

    @Option(names = "--koji-event")
    Long kojiEvent;

    @Option(names = "--build", description = "A Koji build (NVR) to include.")
    List<String> builds = new ArrayList<>();

    @Option(names = "--modular-tag")
    List<String> modularTags = new ArrayList<>();

    @Option(names = "--module-defaults-url")
    String moduleDefaultsUrl;

    @Option(names = "--module-defaults-commit")
    String moduleDefaultsCommit;

    @Option(names = "--scratch-module")
    List<String> scratchModules = new ArrayList<>();

    ComposeRequest.Builder apply(ComposeRequest.Builder b) {
      return b.sigkeys(sigkeys.stream().map(k -> k.replace("none", "")).toList())
          .kojiEvent(kojiEvent)
          .builds(builds)
          .modularKojiTags(modularTags)
          .moduleDefaults(moduleDefaultsUrl, moduleDefaultsCommit)
          .scratchModules(scratchModules);
    }
  }

  /** Submits the request, then waits (unless --no-wait) as every create command does. */
  abstract static class Base implements Callable<Integer> {
    @ParentCommand OdcsCommand odcs;
    @Spec CommandSpec spec;
    @Mixin CommonOptions common;

    abstract ComposeRequest.Builder request();

    @Override
    public Integer call() {
      Compose compose = odcs.client().submit(common.apply(request()).build());
      return odcs.finish(spec.name(), compose, true);
    }
  }

  @Command(name = "create-tag", description = "Compose the packages of a Koji tag.")
  static final class CreateTag extends Base {
    @Parameters(index = "0", paramLabel = "TAG")
    String tag;

    @Parameters(index = "1..*", paramLabel = "PACKAGE")
    List<String> packages = new ArrayList<>();

    @Mixin KojiOptions koji;

    @Override
    ComposeRequest.Builder request() {
      return koji.apply(ComposeRequest.tag(tag).packages(packages));
    }
  }

  @Command(name = "create-module", description = "Compose modules (N:S, N:S:V or N:S:V:C).")
  static final class CreateModule extends Base {
    @Parameters(paramLabel = "MODULE")
    List<String> modules = new ArrayList<>();

    @Mixin KojiOptions koji;

    @Option(names = "--base-module-br-name")
    String baseModuleBrName;

    @Option(names = "--base-module-br-stream")
    String baseModuleBrStream;

    @Option(names = "--base-module-br-stream-version-lte")
    Long lte;

    @Option(names = "--base-module-br-stream-version-gte")
    Long gte;

    @Override
    ComposeRequest.Builder request() {
      if (modules.isEmpty() && koji.scratchModules.isEmpty()) {
        throw new ParameterException(
            spec.commandLine(), "Please give a module or --scratch-module");
      }
      return koji.apply(ComposeRequest.module(modules.toArray(String[]::new)))
          .baseModuleBr(baseModuleBrName, baseModuleBrStream)
          .baseModuleBrStreamVersionLte(lte)
          .baseModuleBrStreamVersionGte(gte);
    }
  }

  @Command(name = "create-build", description = "Compose Koji builds, given by NVR.")
  static final class CreateBuild extends Base {
    @Parameters(arity = "1..*", paramLabel = "NVR")
    List<String> nvrs;

    @Mixin KojiOptions koji;

    @Override
    ComposeRequest.Builder request() {
      return koji.apply(ComposeRequest.build(nvrs.toArray(String[]::new)));
    }
  }

  @Command(name = "create-pulp", description = "Compose Pulp content sets.")
  static final class CreatePulp extends Base {
    @Parameters(arity = "1..*", paramLabel = "CONTENT_SET")
    List<String> contentSets;

    @Override
    ComposeRequest.Builder request() {
      return ComposeRequest.pulp(contentSets.toArray(String[]::new));
    }
  }

  @Command(name = "create-raw-config", description = "Run a raw Pungi configuration.")
  static final class CreateRawConfig extends Base {
    @Parameters(index = "0", paramLabel = "RAW_CONFIG_NAME")
    String name;

    @Parameters(index = "1", paramLabel = "RAW_CONFIG_COMMIT")
    String commit;

    @Mixin KojiOptions koji;

    @Override
    ComposeRequest.Builder request() {
      return koji.apply(ComposeRequest.rawConfig(name, commit));
    }
  }

  @Command(
      name = "create-repo",
      description = "Compose (some packages of) a yum repository: a path or URL the server allows.")
  static final class CreateRepo extends Base {
    @Parameters(index = "0", paramLabel = "REPO")
    String repo;

    @Parameters(index = "1..*", paramLabel = "PACKAGE")
    List<String> packages = new ArrayList<>();

    @Option(names = "--sigkey", description = "A signing key id; \"none\" allows unsigned.")
    List<String> sigkeys = new ArrayList<>();

    @Override
    ComposeRequest.Builder request() {
      return ComposeRequest.repo(repo)
          .packages(packages)
          .sigkeys(sigkeys.stream().map(k -> k.replace("none", "")).toList());
    }
  }

  @Command(
      name = "create-pungi-compose",
      description = "Compose from a variant repository of an external Pungi compose.")
  static final class CreatePungiCompose extends Base {
    @Parameters(index = "0", paramLabel = "VARIANT_REPO_URL")
    String url;

    @Parameters(index = "1..*", paramLabel = "PACKAGE")
    List<String> packages = new ArrayList<>();

    @Mixin KojiOptions koji;

    @Override
    ComposeRequest.Builder request() {
      return koji.apply(ComposeRequest.pungiCompose(url).packages(packages));
    }
  }

  @Command(name = "create", description = "Low-level create (deprecated in the Python CLI).")
  static final class Create extends Base {
    @Parameters(index = "0", paramLabel = "SOURCE_TYPE")
    String sourceType;

    @Parameters(index = "1", paramLabel = "SOURCE")
    String source;

    @Parameters(index = "2..*", paramLabel = "PACKAGE")
    List<String> packages = new ArrayList<>();

    @Mixin KojiOptions koji;

    @Override
    ComposeRequest.Builder request() {
      SourceType type;
      try {
        type = SourceType.parse(sourceType);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      return koji.apply(ComposeRequest.of(type, source).packages(packages));
    }
  }
}
