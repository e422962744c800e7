package org.odcsj.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.odcsj.deploy.DeploymentFiles.ConfigRow;
import org.odcsj.deploy.DeploymentFiles.Instruction;
import org.odcsj.deploy.DeploymentFiles.Mount;

/**
 * Docker cannot run where the tests run, so the deployment files are checked by reading them:
 * {@code docker/compose.yaml}, {@code docker/Dockerfile} (and its {@code .dockerignore}) against
 * the README's configuration table and the build's artifacts.
 *
 * <p>The ODCS services are the ones built from {@code docker/Dockerfile} or running the image it
 * builds. The documented configuration is the README's table under "Configuration" (see {@link
 * DeploymentFiles#configurationTable} for how a family such as {@code odcs.allowed-sources}, {@code
 * -flags}, … is read): a setting that is not in the table must not be in the deployment either.
 */
class DockerFilesTest {

  private static final String DOCKERFILE = "docker/Dockerfile";

  private static Path project;
  private static Set<String> documented;
  private static Map<String, Object> compose;
  private static List<Instruction> dockerfile;

  @BeforeAll
  static void readFiles() {
    project = DeploymentFiles.projectDir();
    documented =
        DeploymentFiles.documentedEnvVars(DeploymentFiles.read(project.resolve("README.md")));
    compose = DeploymentFiles.loadYaml(read("docker/compose.yaml"));
    dockerfile = DeploymentFiles.dockerfile(read(DOCKERFILE));
  }

  // ------------------------------------------------------------------ (a) environment variables

  @Test
  void readmeTableIsReadCompletely() {
    List<ConfigRow> rows =
        DeploymentFiles.configurationTable(DeploymentFiles.read(project.resolve("README.md")));
    assertTrue(rows.size() >= 20, () -> "configuration table rows found: " + rows.size());
    for (ConfigRow row : rows) {
      assertFalse(row.keys().isEmpty(), () -> "row without a key: " + row.line());
      Set<String> derived =
          row.keys().stream().map(DeploymentFiles::envVarOf).collect(Collectors.toSet());
      assertTrue(
          derived.containsAll(row.envVars()),
          () -> "env var column does not match the keys " + derived + ": " + row.line());
    }
    // Plain rows, a row of two keys, and the abbreviated odcs.allowed-* family.
    assertTrue(
        documented.containsAll(
            List.of(
                "ODCS_TARGET_DIR",
                "ODCS_DB_URL",
                "ODCS_DB_USER",
                "ODCS_DB_PASSWORD",
                "ODCS_BROKER_URL",
                "ODCS_ALLOWED_SOURCES",
                "ODCS_ALLOWED_FLAGS",
                "ODCS_ALLOWED_COMPOSE_TYPES",
                "ODCS_ALLOWED_TARGET_DIRS",
                "ODCS_GENERATION_MAX_CONCURRENT")),
        () -> "documented: " + documented);
    assertFalse(documented.contains("ODCS_ALLOWED"), "a family prefix is not a setting");
  }

  @Test
  void odcsServicesSetOnlyDocumentedVariables() {
    List<String> violations = undocumentedVariables(compose, dockerfile, documented);
    assertTrue(violations.isEmpty(), () -> String.join("\n", violations));
    assertEquals(
        Set.of("api", "worker", "volume-init"),
        odcsServices(compose).keySet(),
        "services running the ODCS image");
  }

  @Test
  void anUndocumentedVariableIsReported() {
    Map<String, Object> changed = DeploymentFiles.loadYaml(read("docker/compose.yaml"));
    Map<String, Object> worker = DeploymentFiles.map(services(changed).get("worker"));
    Map<String, Object> env = new LinkedHashMap<>(DeploymentFiles.map(worker.get("environment")));
    env.put("ODCS_TURBO_MODE", "true");
    worker.put("environment", env);
    assertEquals(
        List.of("service worker sets ODCS_TURBO_MODE, which the README does not document"),
        undocumentedVariables(changed, dockerfile, documented));

    List<Instruction> withEnv = new ArrayList<>(dockerfile);
    withEnv.add(new Instruction("ENV", "JAVA_OPTS=-Xmx1g"));
    assertEquals(
        List.of("Dockerfile sets JAVA_OPTS, which the README does not document"),
        undocumentedVariables(compose, withEnv, documented));
  }

  static List<String> undocumentedVariables(
      Map<String, Object> compose, List<Instruction> dockerfile, Set<String> documented) {
    List<String> violations = new ArrayList<>();
    for (Instruction env : instructions(dockerfile, "ENV")) {
      for (String name : DeploymentFiles.envOf(env).keySet()) {
        if (!documented.contains(name)) {
          violations.add("Dockerfile sets " + name + ", which the README does not document");
        }
      }
    }
    odcsServices(compose)
        .forEach(
            (name, service) -> {
              if (service.containsKey("env_file")) {
                violations.add("service " + name + " uses env_file, which cannot be checked");
              }
              for (String var : DeploymentFiles.environment(service).keySet()) {
                if (!documented.contains(var)) {
                  violations.add(
                      "service " + name + " sets " + var + ", which the README does not document");
                }
              }
            });
    return violations;
  }

  // ------------------------------------------------------------------ (b) mounts

  @Test
  void odcsServicesMountOnlyPathsTheServiceUses() {
    Set<String> namedVolumes = namedVolumes();
    odcsServices(compose)
        .forEach(
            (name, service) -> {
              Map<String, String> env = effectiveEnvironment(service);
              Set<String> used = pathsTheServiceUses(env);
              for (Mount mount : DeploymentFiles.mounts(service, namedVolumes)) {
                assertTrue(
                    used.contains(normalize(mount.target())),
                    () -> name + " mounts " + mount.target() + "; the service uses only " + used);
                if (mount.type().equals("bind")) {
                  Path source = project.resolve("docker").resolve(mount.source()).normalize();
                  assertTrue(Files.exists(source), () -> name + " mounts missing " + source);
                  assertTrue(
                      mount.readOnly(),
                      () -> name + " must mount " + mount.source() + " read-only");
                }
              }
            });
  }

  @Test
  void targetDirIsOneVolumeSharedByEveryInstanceAndPublishedByTheWebServer() {
    Set<String> namedVolumes = namedVolumes();
    Set<String> composeVolumes = new LinkedHashSet<>();
    odcsServices(compose)
        .forEach(
            (name, service) -> {
              String targetDir = effectiveEnvironment(service).get("ODCS_TARGET_DIR");
              assertTrue(targetDir != null && targetDir.startsWith("/"), name + ": target dir");
              Mount mount =
                  DeploymentFiles.mounts(service, namedVolumes).stream()
                      .filter(m -> normalize(m.target()).equals(normalize(targetDir)))
                      .findFirst()
                      .orElseThrow(() -> new AssertionError(name + " does not mount " + targetDir));
              assertEquals("volume", mount.type(), name + ": the compose tree is a named volume");
              assertFalse(mount.readOnly(), name + " writes the compose tree");
              composeVolumes.add(mount.source());
            });
    assertEquals(1, composeVolumes.size(), () -> "compose tree volumes: " + composeVolumes);
    String volume = composeVolumes.iterator().next();
    assertTrue(namedVolumes.contains(volume), () -> volume + " is declared under volumes:");

    Map<String, Map<String, Object>> webServers = webServers();
    assertFalse(webServers.isEmpty(), "a static web server (nginx or httpd) publishes the tree");
    webServers.forEach(
        (name, web) ->
            assertTrue(
                DeploymentFiles.mounts(web, namedVolumes).stream()
                    .anyMatch(m -> volume.equals(m.source()) && m.readOnly()),
                () -> name + " must mount the " + volume + " volume read-only"));

    // ODCS_TARGET_DIR_URL points at a port some web server publishes.
    for (Map<String, Object> service : odcsServices(compose).values()) {
      String url = effectiveEnvironment(service).get("ODCS_TARGET_DIR_URL");
      if (url == null) {
        continue;
      }
      int port = URI.create(url).getPort();
      assertTrue(
          webServers.values().stream()
              .anyMatch(web -> DeploymentFiles.publishedPorts(web).containsKey(port)),
          () -> "no web server publishes port " + port + " of ODCS_TARGET_DIR_URL " + url);
    }
  }

  /** The container paths the service reads or writes, by its own settings and the image. */
  private static Set<String> pathsTheServiceUses(Map<String, String> env) {
    Set<String> used = new LinkedHashSet<>();
    for (String key : List.of("ODCS_TARGET_DIR", "ODCS_AUTH_POLICY_FILE", "ODCS_BROKER_DATA_DIR")) {
      if (env.get(key) != null && !env.get(key).isBlank()) {
        used.add(normalize(env.get(key)));
      }
    }
    for (String root : env.getOrDefault("ODCS_REPO_ALLOWED_ROOTS", "").split(",")) {
      if (!root.isBlank()) {
        used.add(normalize(root.trim()));
      }
    }
    // The server configuration the command reads (the post-boot file).
    String postboot = argumentAfter(command(), "--postbootcommandfile");
    used.add(normalize(postboot));
    return used;
  }

  // ------------------------------------------------------------------ (c) the image

  @Test
  void dockerfileCopiesTheBuildArtifactsAndDeploysTheRarBeforeTheWar() {
    Map<String, String> copied = copies(); // source -> destination
    for (String artifact :
        List.of(
            "target/payara-micro.jar",
            "target/artemis-rar.rar",
            "target/odcs.war",
            "server-config/production.postboot")) {
      assertTrue(copied.containsKey(artifact), () -> "Dockerfile does not COPY " + artifact);
    }
    assertTrue(Files.isRegularFile(project.resolve("server-config/production.postboot")));

    List<String> command = command();
    assertTrue(
        command.contains("-jar") && command.contains(copied.get("target/payara-micro.jar")),
        () -> "runs the copied Payara Micro: " + command);
    List<String> deployed = new ArrayList<>();
    for (int i = 0; i < command.size() - 1; i++) {
      if (command.get(i).equals("--deploy")) {
        deployed.add(command.get(i + 1));
      }
    }
    assertEquals(
        List.of(copied.get("target/artemis-rar.rar"), copied.get("target/odcs.war")),
        deployed,
        "the resource adapter is deployed first, then the WAR");
    assertTrue(
        deployed.get(0).endsWith("/artemis-rar.rar"),
        "the resource adapter must be named artemis-rar");
    assertEquals(
        copied.get("server-config/production.postboot"),
        argumentAfter(command, "--postbootcommandfile"));
    assertEquals("/", argumentAfter(command, "--contextroot"));
    assertEquals("8080", argumentAfter(command, "--port"));
    // Instances coordinate through the database and the broker: no Hazelcast data grid (it
    // listens on every interface); --nocluster would start it and cancel --nohazelcast.
    assertTrue(command.contains("--nohazelcast"), "the image starts no Hazelcast data grid");
    assertFalse(command.contains("--nocluster"), "--nocluster makes Payara ignore --nohazelcast");
  }

  @Test
  void buildContextHoldsWhatTheDockerfileCopies() {
    // docker/Dockerfile.dockerignore: ignore everything, re-include the COPY sources.
    List<String> rules =
        read("docker/Dockerfile.dockerignore")
            .lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    assertEquals("*", rules.get(0));
    for (String source : copies().keySet()) {
      assertTrue(rules.contains("!" + source), () -> source + " is not in the build context");
    }
    // The artifacts are where the build puts them.
    String pom = read("pom.xml");
    assertTrue(pom.contains("<finalName>odcs</finalName>"), "the WAR is target/odcs.war");
    assertTrue(
        pom.contains("${project.build.directory}/artemis-rar.rar"), "the RAR is target/...rar");
    assertTrue(
        pom.contains("<destFileName>payara-micro.jar</destFileName>"),
        "Payara Micro is target/payara-micro.jar");
  }

  @Test
  void composeBuildsTheImageFromTheDockerfile() {
    odcsServices(compose)
        .forEach(
            (name, service) -> {
              Map<String, Object> build = DeploymentFiles.map(service.get("build"));
              Path context =
                  project.resolve("docker").resolve(String.valueOf(build.get("context")));
              assertEquals(project, context.normalize(), name + ": context is the project");
              assertEquals(DOCKERFILE, build.get("dockerfile"), name);
            });
  }

  // ------------------------------------------------------------------ (d) broker and database

  @Test
  void brokerSpeaksAmqpAndCoreAndTheServiceUsesIt() {
    Map<String, Map<String, Object>> services = servicesByName();
    for (Map<String, Object> service : odcsServices(compose).values()) {
      Map<String, String> env = effectiveEnvironment(service);
      if (!env.containsKey("ODCS_BROKER_URL")) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (String pair : env.get("ODCS_BROKER_URL").split(";")) {
        String[] kv = pair.split("=", 2);
        params.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
      }
      Map<String, Object> broker = services.get(params.get("host"));
      assertTrue(broker != null, () -> "ODCS_BROKER_URL names no service: " + params);
      assertTrue(String.valueOf(broker.get("image")).contains("artemis"), "an Artemis broker");
      Set<Integer> ports = DeploymentFiles.containerPorts(broker);
      assertTrue(ports.contains(5672), () -> "the broker must expose AMQP 1.0 (5672): " + ports);
      assertTrue(
          ports.contains(Integer.parseInt(params.get("port"))),
          () -> "the broker must expose the CORE port the service uses: " + ports);
      Map<String, String> brokerEnv = interpolatedEnvironment(broker);
      assertEquals(
          env.get("ODCS_BROKER_USER"),
          brokerEnv.get("ARTEMIS_USER"),
          "the service logs in as the broker's user");
      assertEquals(env.get("ODCS_BROKER_PASSWORD"), brokerEnv.get("ARTEMIS_PASSWORD"));
    }
  }

  @Test
  void databaseAllowsTwoPhaseCommit() {
    Map<String, Map<String, Object>> services = servicesByName();
    for (Map<String, Object> service : odcsServices(compose).values()) {
      Map<String, String> env = effectiveEnvironment(service);
      if (!env.containsKey("ODCS_DB_URL")) {
        continue;
      }
      Matcher url =
          Pattern.compile("jdbc:postgresql://([^:/]+)(?::\\d+)?/(\\w+)")
              .matcher(env.get("ODCS_DB_URL"));
      assertTrue(url.matches(), () -> "a PostgreSQL URL: " + env.get("ODCS_DB_URL"));
      Map<String, Object> db = services.get(url.group(1));
      assertTrue(db != null, () -> "ODCS_DB_URL names no service: " + url.group(1));
      Map<String, String> dbEnv = interpolatedEnvironment(db);
      assertEquals(url.group(2), dbEnv.get("POSTGRES_DB"));
      assertEquals(env.get("ODCS_DB_USER"), dbEnv.get("POSTGRES_USER"));
      assertEquals(env.get("ODCS_DB_PASSWORD"), dbEnv.get("POSTGRES_PASSWORD"));
      if ("org.postgresql.xa.PGXADataSource".equals(env.get("ODCS_DB_CLASS"))) {
        String command =
            String.join(
                " ",
                DeploymentFiles.list(db.get("command")).stream().map(String::valueOf).toList());
        Matcher prepared = Pattern.compile("max_prepared_transactions=(\\d+)").matcher(command);
        assertTrue(
            prepared.find() && Integer.parseInt(prepared.group(1)) > 0,
            () -> "PGXADataSource needs max_prepared_transactions > 0: " + command);
      }
    }
  }

  // ------------------------------------------------------------------ helpers

  private static String read(String relative) {
    return DeploymentFiles.read(project.resolve(relative));
  }

  private static Map<String, Object> services(Map<String, Object> compose) {
    return DeploymentFiles.map(compose.get("services"));
  }

  private static Map<String, Map<String, Object>> servicesByName() {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    services(compose).forEach((name, s) -> byName.put(name, DeploymentFiles.map(s)));
    return byName;
  }

  /** Services built from docker/Dockerfile, or running the image it builds. */
  static Map<String, Map<String, Object>> odcsServices(Map<String, Object> compose) {
    Map<String, Map<String, Object>> all = new LinkedHashMap<>();
    services(compose).forEach((name, s) -> all.put(name, DeploymentFiles.map(s)));
    Set<String> odcsImages = new LinkedHashSet<>();
    all.values().stream()
        .filter(DockerFilesTest::buildsTheDockerfile)
        .forEach(s -> odcsImages.add(String.valueOf(s.get("image"))));
    Map<String, Map<String, Object>> odcs = new LinkedHashMap<>();
    all.forEach(
        (name, s) -> {
          if (buildsTheDockerfile(s) || odcsImages.contains(String.valueOf(s.get("image")))) {
            odcs.put(name, s);
          }
        });
    return odcs;
  }

  private static boolean buildsTheDockerfile(Map<String, Object> service) {
    Object build = service.get("build");
    return build instanceof Map<?, ?> b && DOCKERFILE.equals(b.get("dockerfile"));
  }

  private static Map<String, Map<String, Object>> webServers() {
    Map<String, Map<String, Object>> web = new LinkedHashMap<>();
    servicesByName()
        .forEach(
            (name, s) -> {
              String image = String.valueOf(s.get("image"));
              if (image.startsWith("nginx") || image.startsWith("httpd")) {
                web.put(name, s);
              }
            });
    return web;
  }

  private static Set<String> namedVolumes() {
    return DeploymentFiles.map(compose.get("volumes")).keySet();
  }

  /** The image's ENV overridden by the service's environment, with default interpolation. */
  private static Map<String, String> effectiveEnvironment(Map<String, Object> service) {
    Map<String, String> env = new LinkedHashMap<>();
    instructions(dockerfile, "ENV").forEach(i -> env.putAll(DeploymentFiles.envOf(i)));
    DeploymentFiles.environment(service)
        .forEach((k, v) -> env.put(k, DeploymentFiles.interpolateDefaults(v)));
    return env;
  }

  private static Map<String, String> interpolatedEnvironment(Map<String, Object> service) {
    Map<String, String> env = new LinkedHashMap<>();
    DeploymentFiles.environment(service)
        .forEach((k, v) -> env.put(k, DeploymentFiles.interpolateDefaults(v)));
    return env;
  }

  private static List<Instruction> instructions(List<Instruction> dockerfile, String keyword) {
    return dockerfile.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** What the image runs: its ENTRYPOINT followed by its CMD (both exec form). */
  private static List<String> command() {
    List<String> command = new ArrayList<>();
    for (String keyword : List.of("ENTRYPOINT", "CMD")) {
      List<Instruction> found = instructions(dockerfile, keyword);
      if (!found.isEmpty()) {
        command.addAll(DeploymentFiles.execForm(found.get(found.size() - 1)));
      }
    }
    assertFalse(command.isEmpty(), "the Dockerfile has a CMD or ENTRYPOINT");
    return command;
  }

  /** COPY sources (relative to the build context) and their absolute destinations. */
  private static Map<String, String> copies() {
    Map<String, String> copies = new LinkedHashMap<>();
    for (Instruction copy : instructions(dockerfile, "COPY")) {
      List<String> words =
          List.of(copy.arguments().split("\\s+")).stream()
              .filter(w -> !w.startsWith("--"))
              .toList();
      String destination = words.get(words.size() - 1);
      for (String source : words.subList(0, words.size() - 1)) {
        String name = Path.of(source).getFileName().toString();
        copies.put(source, destination.endsWith("/") ? destination + name : destination);
      }
    }
    return copies;
  }

  private static String argumentAfter(List<String> command, String option) {
    int i = command.indexOf(option);
    assertTrue(i >= 0 && i < command.size() - 1, () -> "the command has no " + option);
    return command.get(i + 1);
  }

  private static String normalize(String path) {
    return Path.of(path).normalize().toString();
  }
}
