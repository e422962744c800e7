package org.odcsj.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.deploy.ListeningSockets.Listener;
import org.odcsj.it.OdcsServer;
import org.odcsj.it.TestEnvironment;
import org.odcsj.it.infra.PostgresBinaries;

/**
 * The service opens no listener beyond what is configured: started exactly as {@code ./mvnw -Prun}
 * and as the production image start it, the server process listens on its HTTP port (loopback only
 * under -Prun) and on the embedded broker's port when that is enabled — on nothing else (Payara's
 * Hazelcast data grid used to listen on every interface, port 6900).
 */
@ExtendWith(TestEnvironment.class)
class ListeningSocketsIT {

  private static final Path PROJECT = DeploymentFiles.projectDir();

  @BeforeAll
  static void linuxProc() {
    assumeTrue(ListeningSockets.available(), "needs Linux /proc to list a process's sockets");
  }

  @Test
  void runProfileListensOnLoopbackForHttpAndTheEmbeddedBrokerOnly() throws Exception {
    Path dir = freshDir("listen-run");
    int http = freePort();
    int broker = freePort();
    Map<String, String> properties =
        Map.of(
            "project.basedir", PROJECT.toString(),
            "project.build.directory", dir.resolve("target").toString(),
            "payara.microJar", System.getProperty("payara.microJar"),
            "odcs.rar", System.getProperty("odcs.it.rar"),
            "odcs.war", System.getProperty("odcs.it.war"),
            "odcs.http.port", Integer.toString(http),
            "odcs.broker.port", Integer.toString(broker),
            "odcs.data.dir", dir.resolve("var").toString());
    ShippedCommands.runPostBootFiles(PROJECT, dir.resolve("target/run"), properties);
    List<String> command = new ArrayList<>(ShippedCommands.runProfile(PROJECT, properties));
    command.set(0, java());

    Set<Listener> listeners = listenersOf(command, Map.of(), dir, http);

    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    assertEquals(
        names(Set.of(new Listener("tcp", loopback, http), new Listener("tcp", loopback, broker))),
        names(listeners),
        "-Prun listens for HTTP and the embedded broker on 127.0.0.1, nothing else");
  }

  @Test
  void productionImageListensOnItsHttpPortOnly() throws Exception {
    Path dir = freshDir("listen-production");
    var infra = TestEnvironment.current();
    int http = freePort();
    // The image's paths are where its COPY instructions put the built files.
    Map<String, Path> copied =
        Map.of(
            "/opt/odcs/payara-micro.jar", Path.of(System.getProperty("payara.microJar")),
            "/opt/odcs/artemis-rar.rar", Path.of(System.getProperty("odcs.it.rar")),
            "/opt/odcs/odcs.war", Path.of(System.getProperty("odcs.it.war")),
            "/opt/odcs/production.postboot", PROJECT.resolve("server-config/production.postboot"));
    List<String> command = new ArrayList<>();
    for (String word : ShippedCommands.dockerImage(PROJECT)) {
      command.add(copied.containsKey(word) ? copied.get(word).toString() : word);
    }
    assertEquals("java", command.get(0));
    command.set(0, java());
    command.add(1, "-Djava.io.tmpdir=" + Files.createDirectories(dir.resolve("tmp")));
    command.set(command.indexOf("--port") + 1, Integer.toString(http));
    // An external database and broker, as in production (own queue and topic on the shared test
    // broker, so that this server takes no other server's work).
    String db = "odcs_listen";
    infra.postgres().createDatabase(db, "odcs", "odcs");
    Map<String, String> env =
        Map.of(
            "ODCS_DB_URL",
            infra.postgres().jdbcUrl(db),
            "ODCS_BROKER_URL",
            infra.broker().connectionParameters(),
            "ODCS_BROKER_USER",
            TestEnvironment.BROKER_USER,
            "ODCS_BROKER_PASSWORD",
            TestEnvironment.BROKER_PASSWORD,
            "ODCS_GENERATION_QUEUE",
            "odcs.compose.generate.listen",
            "ODCS_MESSAGING_TOPIC",
            "odcs.compose.state-changed.listen",
            "ODCS_TARGET_DIR",
            Files.createDirectories(dir.resolve("composes")).toString());

    Set<Listener> listeners = listenersOf(command, env, dir, http);

    assertEquals(
        Set.of(http),
        listeners.stream().map(Listener::port).collect(Collectors.toSet()),
        () -> "production listens on its HTTP port only, but: " + names(listeners));
    assertTrue(
        listeners.stream().allMatch(l -> l.protocol().equals("tcp")),
        () -> "no UDP socket: " + names(listeners));
  }

  /**
   * Starts {@code command} with only {@code env} of our settings (the test JVM's own ODCS_*
   * variables, meant for other servers, are removed), waits until it is ready and returns its
   * listeners.
   */
  private static Set<Listener> listenersOf(
      List<String> command, Map<String, String> env, Path dir, int http) throws Exception {
    Path log = dir.resolve("payara.log");
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(name -> name.startsWith("ODCS_"));
    pb.environment().putAll(env);
    Process process = pb.start();
    try {
      awaitReady(process, "http://127.0.0.1:" + http, log);
      return ListeningSockets.of(process.pid());
    } finally {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  // Ready = the application answers and its database, broker and target directory are up (an
  // embedded broker's acceptor is open by then).
  private static void awaitReady(Process process, String baseUrl, Path log) throws Exception {
    OdcsServer.awaitOk(process, URI.create(baseUrl + "/health/ready"), log, Duration.ofMinutes(4));
  }

  private static Set<String> names(Set<Listener> listeners) {
    return listeners.stream()
        .map(Listener::toString)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static Path freshDir(String name) throws IOException {
    Path dir = TestEnvironment.current().itDir().resolve(name);
    PostgresBinaries.deleteTree(dir);
    return Files.createDirectories(dir);
  }

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
