package org.odcsj.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.odcsj.client.Compose;
import org.odcsj.client.ComposeEvents;
import org.odcsj.client.ComposeState;
import org.odcsj.client.ComposeWaitTimeout;
import org.odcsj.client.OdcsClient;
import org.odcsj.client.OdcsException;
import org.odcsj.client.TlsContexts;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code odcs}: the global options, the sub-commands, and how a command ends (exit codes). */
@Command(
    name = "odcs",
    mixinStandardHelpOptions = true,
    versionProvider = OdcsCommand.Version.class,
    description = "Request, follow and manage composes of an ODCS server.",
    subcommands = {
      CreateCommands.CreateTag.class,
      CreateCommands.CreateModule.class,
      CreateCommands.CreateBuild.class,
      CreateCommands.CreatePulp.class,
      CreateCommands.CreateRawConfig.class,
      CreateCommands.CreateRepo.class,
      CreateCommands.CreatePungiCompose.class,
      CreateCommands.Create.class,
      ComposeCommands.Wait.class,
      ComposeCommands.Get.class,
      ComposeCommands.Renew.class,
      ComposeCommands.Delete.class,
      ComposeCommands.About.class,
      ComposeCommands.Metrics.class,
      ListCommand.class,
      EventsCommand.class,
      AutoComplete.GenerateCompletion.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the command succeeded; the compose is done",
      "1:the compose failed",
      "2:wrong usage",
      "3:the wait timed out",
      "255:the server refused the request or could not be reached"
    })
public final class OdcsCommand implements Runnable {

  static final int FAILED = 1;
  static final int TIMED_OUT = 3;
  static final int SERVER_ERROR = 255;

  @Option(
      names = "--server",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:ODCS_SERVER:-http://localhost:8080}",
      description = "Server URL (default: $ODCS_SERVER or ${DEFAULT-VALUE}).")
  String server;

  @Option(
      names = "--token",
      scope = ScopeType.INHERIT,
      paramLabel = "TOKEN_OR_FILE",
      description = "OpenID Connect token, or a file whose first line is the token.")
  String token;

  @Option(
      names = "--kerberos",
      scope = ScopeType.INHERIT,
      description = "Kerberos (SPNEGO) with the ticket cache (kinit first).")
  boolean kerberos;

  @Option(
      names = "--keytab",
      scope = ScopeType.INHERIT,
      description = "Kerberos with this keytab (with --principal).")
  Path keytab;

  @Option(names = "--principal", scope = ScopeType.INHERIT, description = "Kerberos principal.")
  String principal;

  @Option(
      names = "--cert",
      scope = ScopeType.INHERIT,
      description = "TLS client certificate: PEM chain (with --key) or a PKCS12 store.")
  Path cert;

  @Option(names = "--key", scope = ScopeType.INHERIT, description = "PEM PKCS#8 key of --cert.")
  Path key;

  @Option(
      names = "--ca-cert",
      scope = ScopeType.INHERIT,
      description = "Trusted CA certificates (PEM or PKCS12) instead of the JDK's.")
  Path caCert;

  @Option(
      names = "--no-wait",
      scope = ScopeType.INHERIT,
      description = "Print the immediate answer instead of waiting for the compose.")
  boolean noWait;

  @Option(
      names = {"-q", "--quiet"},
      scope = ScopeType.INHERIT,
      description = "No \"Waiting for…\" line and no progress.")
  boolean quiet;

  @Option(
      names = "--watch",
      scope = ScopeType.INHERIT,
      description = "While waiting, print the compose log as it grows.")
  boolean watch;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print JSON (for scripts) instead of tables.")
  boolean json;

  @Option(
      names = "--timeout",
      scope = ScopeType.INHERIT,
      defaultValue = "3600",
      paramLabel = "SECONDS",
      description = "How long to wait for a compose (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Option(
      names = "--broker",
      scope = ScopeType.INHERIT,
      paramLabel = "URL",
      defaultValue = "${env:ODCS_BROKER}",
      description =
          "AMQP 1.0 URL of the server's broker (amqp://host:port): wait on the state-changed"
              + " topic instead of polling; needed by `events`.")
  String broker;

  @Option(
      names = "--broker-user",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:ODCS_BROKER_USER}")
  String brokerUser;

  @Option(
      names = "--broker-password",
      scope = ScopeType.INHERIT,
      defaultValue = "${env:ODCS_BROKER_PASSWORD}",
      description = "Broker password (default: $ODCS_BROKER_PASSWORD).")
  String brokerPassword;

  @Option(
      names = "--topic",
      scope = ScopeType.INHERIT,
      defaultValue = ComposeEvents.DEFAULT_TOPIC,
      description = "State-changed topic (default ${DEFAULT-VALUE}).")
  String topic;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private OdcsClient client;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The command line, with the exit codes of the library's exceptions. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new OdcsCommand());
    cli.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          PrintWriter err = commandLine.getErr();
          if (e instanceof ComposeWaitTimeout t) {
            err.println(
                "odcs: " + t.getMessage() + " (last state: " + t.last().state().wireName() + ")");
            err.flush();
            return TIMED_OUT;
          }
          if (e instanceof OdcsException o) {
            err.println(
                "odcs: error: "
                    + (o.status() > 0 ? o.status() + " " : "")
                    + o.getMessage()
                    + (o.errorId() != null ? " (error id " + o.errorId() + ")" : ""));
            err.flush();
            return SERVER_ERROR;
          }
          if (e instanceof IllegalArgumentException
              || e instanceof jakarta.jms.JMSRuntimeException) {
            err.println("odcs: error: " + e.getMessage());
            err.flush();
            return e instanceof IllegalArgumentException ? 2 : SERVER_ERROR;
          }
          throw e;
        });
    return cli;
  }

  /** The client of the server, set up from the global options once. */
  OdcsClient client() {
    if (client == null) {
      OdcsClient.Builder b = OdcsClient.builder(server);
      if (token != null) {
        b.token(tokenValue(token));
      } else if (keytab != null) {
        b.kerberos(principal, keytab);
      } else if (kerberos) {
        b.kerberos();
      }
      if (cert != null || caCert != null) {
        char[] password =
            System.getenv("ODCS_CERT_PASSWORD") == null
                ? null
                : System.getenv("ODCS_CERT_PASSWORD").toCharArray();
        b.sslContext(TlsContexts.of(cert, key, password, caCert));
      }
      client = b.build();
    }
    return client;
  }

  private static String tokenValue(String tokenOrFile) {
    Path file = Path.of(tokenOrFile);
    try {
      if (tokenOrFile.length() < 4096 && Files.isRegularFile(file)) {
        return Files.readAllLines(file).stream().findFirst().orElse("").strip();
      }
    } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
      // not a readable file: the token itself
    }
    return tokenOrFile;
  }

  /** The state-changed subscription for {@code composeIds} and {@code states}, or null. */
  ComposeEvents events(List<Long> composeIds, List<ComposeState> states) {
    if (broker == null || broker.isBlank()) {
      return null;
    }
    return ComposeEvents.subscribe(
        new JmsConnectionFactory(broker), brokerUser, brokerPassword, topic, composeIds, states);
  }

  /**
   * Ends a command about one compose: prints it, or waits for it first (unless --no-wait), and
   * answers the exit code.
   */
  int finish(String command, Compose compose, boolean waits) {
    Output out = new Output(spec.commandLine().getOut(), json);
    if (!waits || noWait || compose.state().isFinal()) {
      out.compose(compose);
      return exitCode(compose);
    }
    PrintWriter err = spec.commandLine().getErr();
    if (!quiet) {
      err.println("Waiting for command " + command + " on compose " + compose.id() + " to finish.");
      err.flush();
    }
    ProgressDisplay display = ProgressDisplay.create(err, !quiet, watch);
    Duration timeout = Duration.ofSeconds(timeoutSeconds);
    Compose last;
    try (ComposeEvents events = events(List.of(compose.id()), List.of())) {
      last =
          events == null
              ? client().waitFor(compose.id(), timeout, display)
              : client().waitFor(compose.id(), timeout, display, events);
    } finally {
      display.close();
    }
    out.compose(last);
    if (last.state() == ComposeState.FAILED) {
      err.println("odcs: compose " + last.id() + " failed: " + last.stateReason());
      err.flush();
    }
    return exitCode(last);
  }

  static int exitCode(Compose compose) {
    return compose.state() == ComposeState.FAILED ? FAILED : 0;
  }

  /** The version of the CLI jar. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = OdcsCommand.class.getPackage().getImplementationVersion();
      return new String[] {"odcs " + (v == null ? "(development)" : v)};
    }
  }
}
