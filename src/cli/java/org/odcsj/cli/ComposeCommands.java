package org.odcsj.cli;

import java.util.concurrent.Callable;
import org.odcsj.client.Compose;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** The commands about one existing compose, and the server's about and metrics. */
final class ComposeCommands {

  private ComposeCommands() {}

  abstract static class OnCompose implements Callable<Integer> {
    @ParentCommand OdcsCommand odcs;
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "COMPOSE_ID")
    long id;
  }

  @Command(name = "wait", description = "Wait until the compose is done or failed.")
  static final class Wait extends OnCompose {
    @Override
    public Integer call() {
      return odcs.finish("wait", odcs.client().get(id), true);
    }
  }

  @Command(name = "get", description = "Show a compose (and wait for it, unless --no-wait).")
  static final class Get extends OnCompose {
    @Override
    public Integer call() {
      return odcs.finish("get", odcs.client().get(id), true);
    }
  }

  @Command(
      name = "renew",
      description = "Extend a done compose, or generate a failed or removed one again.")
  static final class Renew extends OnCompose {
    @Option(names = "--seconds-to-live", description = "New lifetime (default: the server's).")
    Long secondsToLive;

    @Override
    public Integer call() {
      Compose renewed = odcs.client().renew(id, secondsToLive);
      return odcs.finish("renew", renewed, true);
    }
  }

  @Command(name = "delete", description = "Cancel a compose, or (admins) remove it.")
  static final class Delete extends OnCompose {
    @Override
    public Integer call() {
      String message = odcs.client().delete(id);
      if (odcs.json) {
        new Output(spec.commandLine().getOut(), true)
            .print(
                Output.JSON
                    .createObjectBuilder()
                    .add("status", 202)
                    .add("message", message)
                    .build());
      } else {
        spec.commandLine().getOut().println(message);
        spec.commandLine().getOut().flush();
      }
      return 0;
    }
  }

  @Command(name = "about", description = "What the server runs and allows.")
  static final class About implements Callable<Integer> {
    @ParentCommand OdcsCommand odcs;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      new Output(spec.commandLine().getOut(), true).print(odcs.client().about());
      return 0;
    }
  }

  @Command(name = "metrics", description = "The server's metrics (Prometheus text format).")
  static final class Metrics implements Callable<Integer> {
    @ParentCommand OdcsCommand odcs;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().print(odcs.client().metrics());
      spec.commandLine().getOut().flush();
      return 0;
    }
  }
}
