package org.odcsj.it.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * What {@code ./mvnw package} builds: the WAR holds neither the client nor the CLI (nor their
 * libraries), the client jar holds only the library, and the CLI jar runs by itself.
 */
class ClientPackagingIT {

  private static List<String> entries(Path archive) throws Exception {
    try (ZipFile zip = new ZipFile(archive.toFile())) {
      return zip.stream().map(ZipEntry::getName).toList();
    }
  }

  private static Path war() {
    return Path.of(System.getProperty("odcs.it.war"));
  }

  @Test
  void theWarHoldsNoClientNorCli() throws Exception {
    List<String> war = entries(war());
    assertTrue(war.contains("WEB-INF/classes/org/odcsj/api/package-info.class"), "a server WAR");
    for (String entry : war) {
      assertTrue(
          !entry.startsWith("WEB-INF/classes/org/odcsj/client/")
              && !entry.startsWith("WEB-INF/classes/org/odcsj/cli/")
              && !entry.startsWith("WEB-INF/lib/picocli")
              && !entry.startsWith("WEB-INF/lib/qpid-jms"),
          entry);
    }
  }

  @Test
  void theClientJarHoldsOnlyTheLibrary() throws Exception {
    List<String> classes =
        entries(war().resolveSibling("odcs-client.jar")).stream()
            .filter(e -> e.endsWith(".class"))
            .toList();
    assertTrue(classes.contains("org/odcsj/client/OdcsClient.class"));
    assertTrue(
        classes.stream().allMatch(e -> e.startsWith("org/odcsj/client/")), classes::toString);
  }

  @Test
  void theCliJarRunsByItself() throws Exception {
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                CliProcess.jar().toString(),
                "--version")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes());
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, p.exitValue(), out);
    assertTrue(out.startsWith("odcs 0."), out);
  }
}
