package org.odcsj.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.odcsj.client.ComposeEvents;
import org.odcsj.client.ComposeState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code odcs events}: follows the state-changed topic, one line (or JSON line) per change. */
@Command(
    name = "events",
    description = "Follow compose state changes on the server's broker (needs --broker).")
final class EventsCommand implements Callable<Integer> {

  @ParentCommand OdcsCommand odcs;
  @Spec CommandSpec spec;

  @Option(names = "--compose", paramLabel = "ID", description = "Only this compose (repeatable).")
  List<Long> composes = new ArrayList<>();

  @Option(names = "--state", description = "Only changes into this state (repeatable).")
  List<String> states = new ArrayList<>();

  @Option(names = "--count", description = "Stop after this many events.")
  Integer count;

  @Option(names = "--for", paramLabel = "SECONDS", description = "Stop after this long.")
  Long seconds;

  @Override
  public Integer call() {
    List<ComposeState> wanted = states.stream().map(ComposeState::parse).toList();
    ComposeEvents events = odcs.events(composes, wanted);
    if (events == null) {
      throw new ParameterException(spec.commandLine(), "events needs --broker amqp://HOST:PORT");
    }
    PrintWriter out = spec.commandLine().getOut();
    Instant end = seconds == null ? Instant.MAX : Instant.now().plusSeconds(seconds);
    int seen = 0;
    try (events) {
      if (!odcs.quiet) {
        spec.commandLine().getErr().println("Listening on " + odcs.topic + " at " + odcs.broker);
        spec.commandLine().getErr().flush();
      }
      while ((count == null || seen < count) && Instant.now().isBefore(end)) {
        Optional<ComposeEvents.Event> event = events.next(Duration.ofSeconds(1));
        if (event.isEmpty()) {
          continue;
        }
        seen++;
        var c = event.get().compose();
        if (odcs.json) {
          out.println(
              Output.JSON
                  .createObjectBuilder()
                  .add("event", event.get().event())
                  .add("compose", c.json())
                  .build());
        } else {
          out.printf(
              "%s compose %d %s%s%n",
              Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
              c.id(),
              c.state().wireName(),
              c.stateReason() == null ? "" : ": " + c.stateReason());
        }
        out.flush();
      }
    }
    return 0;
  }
}
