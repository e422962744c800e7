package org.odcsj.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One Payara Micro process running the built RAR + WAR, shared by every black-box test class of the
 * run (started on first use, stopped when the test JVM's root context closes). It is configured
 * only through environment variables, exactly as an operator would.
 */
public class OdcsServer implements BeforeAllCallback {

  private static final Map<String, Running> RUNNING = new java.util.LinkedHashMap<>();

  /** The main instance's name: its database is {@code odcs_http}. */
  public static final String MAIN = "server";

  /**
   * A second instance with a different server configuration (default sigkeys {@code x y}, no raw
   * config URLs), for the few behaviours that depend on it. Own database {@code odcs_alt}.
   */
  public static final String ALT = "alt";

  /** The server as the tests see it. */
  public record Running(Process process, String baseUrl, Path targetDir, Path log, String db) {}

  /**
   * How to start one more server: its own database, the test WAR (with the test-only caller
   * resolver) or the shipped one, and extra JVM options, Payara options and environment on top of
   * the common test configuration.
   */
  public record Profile(
      String name,
      String database,
      boolean testWar,
      List<String> javaOptions,
      List<String> payaraOptions,
      Map<String, String> environment,
      boolean expectReady) {

    public Profile(
        String name,
        String database,
        boolean testWar,
        List<String> javaOptions,
        List<String> payaraOptions,
        Map<String, String> environment) {
      this(name, database, testWar, javaOptions, payaraOptions, environment, true);
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    TestEnvironment.get(context);
    start(MAIN);
  }

  /** The main shared server. */
  public static synchronized Running get() {
    Running running = RUNNING.get(MAIN);
    if (running == null) {
      throw new IllegalStateException("OdcsServer not started");
    }
    return running;
  }

  /** The alternative-configuration server, started on first use. */
  public static synchronized Running alt() throws Exception {
    start(ALT);
    return RUNNING.get(ALT);
  }

  private static void start(String name) throws Exception {
    start(
        new Profile(
            name,
            name.equals(MAIN) ? "odcs_http" : "odcs_alt",
            true,
            List.of(),
            List.of(),
            Map.of()));
  }

  /** The server of {@code profile}, started on first use (shared by every class using it). */
  public static synchronized Running start(Profile profile) throws Exception {
    String name = profile.name();
    if (RUNNING.containsKey(name)) {
      return RUNNING.get(name);
    }
    var infra = TestEnvironment.current();
    Path dir = Files.createDirectories(infra.itDir().resolve(name));
    String db = profile.database();
    if (!List.of("odcs_http", "odcs_alt").contains(db)) {
      infra.postgres().createDatabase(db, "odcs", "odcs");
    }
    // The database is new on every run, so is the compose tree (ids start again at 1).
    Path targetDir = dir.resolve("composes");
    org.odcsj.it.infra.PostgresBinaries.deleteTree(targetDir);
    Files.createDirectories(targetDir);
    Path log = dir.resolve("payara.log");
    int port = freePort();
    String baseUrl = "http://127.0.0.1:" + port;
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            // The bench's heap run sets odcs.it.serverXmx (e.g. 256m) to prove its bound.
            "-Xmx" + System.getProperty("odcs.it.serverXmx", "512m"),
            "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp"))));
    command.addAll(profile.javaOptions());
    command.addAll(
        List.of(
            "-jar",
            System.getProperty("payara.microJar"),
            // No Hazelcast data grid (it would listen on *:6900), like -Prun and production.
            "--nohazelcast",
            "--prebootcommandfile",
            Path.of(System.getProperty("odcs.it.dir"))
                .getParent()
                .resolve("test-classes/loopback.preboot")
                .toString(),
            "--port",
            Integer.toString(port),
            "--deploy",
            System.getProperty("odcs.it.rar"),
            "--deploy",
            profile.testWar() ? TestWar.build(dir).toString() : System.getProperty("odcs.it.war"),
            "--contextroot",
            "/"));
    command.addAll(profile.payaraOptions());
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("ODCS_DB_CLASS", "org.postgresql.xa.PGXADataSource");
    env.put("ODCS_DB_URL", infra.postgres().jdbcUrl(db));
    env.put("ODCS_DB_USER", "odcs");
    env.put("ODCS_DB_PASSWORD", "odcs");
    env.put("ODCS_BROKER_EMBEDDED", "false");
    env.put("ODCS_BROKER_URL", infra.broker().connectionParameters());
    env.put("ODCS_BROKER_USER", TestEnvironment.BROKER_USER);
    env.put("ODCS_BROKER_PASSWORD", TestEnvironment.BROKER_PASSWORD);
    env.put("ODCS_GENERATION_MAX_CONCURRENT", "2");
    // Instances on one broker must share one database: give each its own queue and topic.
    env.put(
        "ODCS_GENERATION_QUEUE", "odcs.compose.generate" + (name.equals(MAIN) ? "" : "." + name));
    env.put(
        "ODCS_MESSAGING_TOPIC",
        "odcs.compose.state-changed" + (name.equals(MAIN) ? "" : "." + name));
    env.put("ODCS_TARGET_DIR", targetDir.toString());
    env.put("ODCS_TARGET_DIR_URL", baseUrl + "/composes/");
    // Local repositories under repos/, remote ones from loopback test web servers.
    env.put("ODCS_REPO_ALLOWED_ROOTS", infra.itDir().resolve("repos") + ",http://127.0.0.1:");
    env.put("ODCS_EXPIRY_PERIOD_SECONDS", "1");
    TestPolicy.configure(env, dir, name.equals(ALT));
    if (name.equals(MAIN)) {
      env.putAll(KojiFixture.get().serverEnvironment(baseUrl));
      env.putAll(PulpFixture.serverEnvironment());
      env.putAll(RawConfigFixture.get().serverEnvironment());
    }
    env.putAll(profile.environment());
    Process process = pb.start();
    Running running = new Running(process, baseUrl, targetDir, log, db);
    RUNNING.put(name, running);
    if (profile.expectReady()) {
      awaitReady(process, baseUrl, log);
    }
    return running;
  }

  /** Stops one server of the run (for a test that started a server meant to fail). */
  public static synchronized void stop(String name) throws InterruptedException {
    Running running = RUNNING.remove(name);
    if (running != null) {
      running.process().destroy();
      if (!running.process().waitFor(30, TimeUnit.SECONDS)) {
        running.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  // Payara prints "ready" even when the WAR failed to deploy: wait for the API itself.
  private static void awaitReady(Process process, String baseUrl, Path log) throws Exception {
    // odcs.it.readyMinutes: a machine shared with other builds can take longer to boot Payara.
    Duration within = Duration.ofMinutes(Long.getLong("odcs.it.readyMinutes", 3));
    Instant started = Instant.now();
    awaitOk(process, URI.create(baseUrl + "/api/1/about/"), log, within);
    System.out.printf(
        "ODCS server ready at %s after %d ms%n",
        baseUrl, Duration.between(started, Instant.now()).toMillis());
  }

  /**
   * Waits until {@code uri} answers 200 from the server {@code process}, failing with the tail of
   * its log when the process exits or {@code within} passes.
   */
  public static void awaitOk(Process process, URI uri, Path log, Duration within) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Payara Micro exited early:\n" + tail(log));
      }
      try {
        var response =
            http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    throw new IllegalStateException(
        uri + " did not answer 200 within " + within.toSeconds() + " s:\n" + tail(log));
  }

  static synchronized void stopIfRunning() {
    for (Running running : RUNNING.values()) {
      Process p = running.process();
      p.destroy();
      try {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    RUNNING.clear();
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 80), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
