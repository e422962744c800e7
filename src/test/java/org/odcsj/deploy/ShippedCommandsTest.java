package org.odcsj.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The command lines we ship start no Hazelcast data grid: {@code --nohazelcast}, and never {@code
 * --nocluster}, which makes Payara Micro ignore it. ({@link ListeningSocketsIT} checks the sockets
 * of the running servers; DockerFilesTest checks the image's command.)
 */
class ShippedCommandsTest {

  private static final Path PROJECT = DeploymentFiles.projectDir();

  private static final Map<String, String> RUN_PROPERTIES =
      Map.of(
          "project.basedir", "/p",
          "project.build.directory", "/p/target",
          "payara.microJar", "/p/target/payara-micro.jar",
          "odcs.rar", "/p/target/artemis-rar.rar",
          "odcs.war", "/p/target/odcs.war",
          "odcs.http.port", "8080");

  @Test
  void runProfileStartsPayaraMicroWithoutADataGridOnLoopback() {
    List<String> command = ShippedCommands.runProfile(PROJECT, RUN_PROPERTIES);

    assertEquals("java", command.get(0));
    assertEquals("/p/target/payara-micro.jar", command.get(command.indexOf("-jar") + 1));
    assertTrue(command.contains("--nohazelcast"), command::toString);
    assertFalse(command.contains("--nocluster"), command::toString);
    assertEquals(
        "/p/server-config/loopback.preboot",
        command.get(command.indexOf("--prebootcommandfile") + 1));
  }

  @Test
  void aPropertyWithoutAValueIsAnErrorNotALiteral() {
    Map<String, String> missingPort = new java.util.HashMap<>(RUN_PROPERTIES);
    missingPort.remove("odcs.http.port");

    var e =
        assertThrows(
            IllegalStateException.class, () -> ShippedCommands.runProfile(PROJECT, missingPort));
    assertTrue(String.valueOf(e.getCause()).contains("${odcs.http.port}"), e::toString);
  }
}
