package org.odcsj.drills;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.odcsj.it.OdcsApi;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;

/**
 * Servers that share one PostgreSQL database, one generation queue, one state-changed topic and one
 * compose directory, as instances of one deployment do — started, killed with kill -9 ({@link
 * Process#destroyForcibly()} is SIGKILL on Linux) and started again under the same instance name.
 */
public final class DrillCluster implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(8);

  private final String key;
  private final Path targetDir;
  private final Map<String, String> environment;
  private final Map<String, OdcsServer.Running> running = new LinkedHashMap<>();
  private final List<Path> logs = new ArrayList<>();
  private int incarnations;

  private final List<String> javaOptions;

  private DrillCluster(
      String key, Path targetDir, Map<String, String> environment, List<String> javaOptions) {
    this.key = key;
    this.targetDir = targetDir;
    this.environment = environment;
    this.javaOptions = javaOptions;
  }

  /**
   * A new cluster {@code key} for a drill: database {@code odcs_<key>}, queue and topic suffixed by
   * it. Its servers start with the C1 compiler only: they start faster on a loaded machine, and a
   * drill measures no speed.
   */
  public static DrillCluster create(String key, Map<String, String> extraEnvironment)
      throws Exception {
    return create(key, extraEnvironment, List.of("-XX:TieredStopAtLevel=1"));
  }

  /** A new cluster whose servers get {@code javaOptions} (a benchmark's: none). */
  public static DrillCluster create(
      String key, Map<String, String> extraEnvironment, List<String> javaOptions) throws Exception {
    var infra = TestEnvironment.current();
    Path dir = infra.itDir().resolve("drills").resolve(key);
    org.odcsj.it.infra.PostgresBinaries.deleteTree(dir);
    Path targetDir = Files.createDirectories(dir.resolve("composes"));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ODCS_TARGET_DIR", targetDir.toString());
    env.put("ODCS_GENERATION_QUEUE", "odcs.compose.generate." + key);
    env.put("ODCS_MESSAGING_TOPIC", topic(key));
    env.putAll(extraEnvironment);
    return new DrillCluster(key, targetDir, env, javaOptions);
  }

  static String topic(String key) {
    return "odcs.compose.state-changed." + key;
  }

  public String topic() {
    return topic(key);
  }

  String database() {
    return "odcs_" + key;
  }

  public Path targetDir() {
    return targetDir;
  }

  /** Starts (or starts again) the instance named {@code instance}; waits until it serves. */
  public OdcsServer.Running start(String instance) throws Exception {
    Map<String, String> env = new LinkedHashMap<>(environment);
    env.put("ODCS_INSTANCE_NAME", instance);
    // Each incarnation its own profile (log file, work dir); the instance name stays.
    String profile = key + "-" + instance + "-" + (++incarnations);
    OdcsServer.Running server =
        OdcsServer.start(
            new OdcsServer.Profile(profile, database(), false, javaOptions, List.of(), env, false));
    running.put(instance, server);
    logs.add(server.log());
    awaitServing(server);
    return server;
  }

  // Our own wait: on a build machine shared with other builds a start can take minutes.
  private static void awaitServing(OdcsServer.Running server) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    Instant started = Instant.now();
    Instant deadline = started.plus(START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      if (!server.process().isAlive()) {
        throw new IllegalStateException("Payara Micro exited early, see " + server.log());
      }
      try {
        var response =
            http.send(
                HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/1/about/")).build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          System.out.printf(
              "Drill server %s serving after %d ms%n",
              server.baseUrl(), Duration.between(started, Instant.now()).toMillis());
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(
        "Not serving within " + START_TIMEOUT + ", see " + server.log());
  }

  public OdcsApi api(String instance) {
    return new OdcsApi(server(instance).baseUrl());
  }

  OdcsServer.Running server(String instance) {
    OdcsServer.Running server = running.get(instance);
    if (server == null) {
      throw new IllegalStateException("Instance " + instance + " is not running");
    }
    return server;
  }

  /** kill -9 of the instance's JVM, right now, then waits until it is gone. */
  public void kill(String instance) throws InterruptedException {
    OdcsServer.Running server = running.remove(instance);
    server.process().destroyForcibly();
    if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("Instance " + instance + " survived SIGKILL");
    }
    OdcsServer.stop(profileOf(server));
  }

  private String profileOf(OdcsServer.Running server) {
    return server.log().getParent().getFileName().toString();
  }

  Connection sql() throws SQLException {
    return TestEnvironment.current().postgres().connect(database());
  }

  /** Every log line of every incarnation so far matching {@code pattern}, as matchers. */
  List<Matcher> logLines(Pattern pattern) throws Exception {
    List<Matcher> found = new ArrayList<>();
    for (Path log : logs) {
      for (String line : Files.readAllLines(log)) {
        Matcher m = pattern.matcher(line);
        if (m.find()) {
          found.add(m);
        }
      }
    }
    return found;
  }

  @Override
  public void close() throws Exception {
    for (OdcsServer.Running server : new ArrayList<>(running.values())) {
      OdcsServer.stop(profileOf(server));
    }
    running.clear();
  }
}
