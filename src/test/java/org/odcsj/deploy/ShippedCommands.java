package org.odcsj.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.NodeList;

/**
 * The command lines we ship, read from the files that define them, so that a test starts the
 * service exactly as they do: {@code ./mvnw -Prun} (the {@code run} profile's exec arguments in
 * pom.xml, with its filtered post-boot files) and production (the Docker image's command).
 */
final class ShippedCommands {

  private ShippedCommands() {}

  /**
   * The {@code run} profile's command with the Maven properties in {@code properties} substituted
   * (every property it uses must be given).
   */
  static List<String> runProfile(Path project, Map<String, String> properties) {
    String base =
        "/project/profiles/profile[id='run']/build/plugins/plugin[artifactId='exec-maven-plugin']"
            + "/executions/execution[id='run']/configuration/";
    try {
      var pom =
          DocumentBuilderFactory.newInstance()
              .newDocumentBuilder()
              .parse(project.resolve("pom.xml").toFile());
      var xpath = XPathFactory.newInstance().newXPath();
      List<String> command = new ArrayList<>();
      command.add(xpath.evaluate(base + "executable", pom));
      NodeList arguments =
          (NodeList) xpath.evaluate(base + "arguments/argument", pom, XPathConstants.NODESET);
      for (int i = 0; i < arguments.getLength(); i++) {
        command.add(arguments.item(i).getTextContent().strip());
      }
      if (command.size() < 2) {
        throw new IllegalStateException("pom.xml has no run profile exec arguments");
      }
      return command.stream().map(a -> filter(a, properties)).toList();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the run profile of pom.xml", e);
    }
  }

  /**
   * Copies {@code server-config/run} to {@code target}, filtered as the run profile's resources
   * execution does.
   */
  static void runPostBootFiles(Path project, Path target, Map<String, String> properties) {
    try (Stream<Path> files = Files.list(project.resolve("server-config/run"))) {
      Files.createDirectories(target);
      for (Path file : (Iterable<Path>) files::iterator) {
        Files.writeString(
            target.resolve(file.getFileName()), filter(Files.readString(file), properties));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What the Docker image runs: its ENTRYPOINT and CMD, exec form. */
  static List<String> dockerImage(Path project) {
    List<DeploymentFiles.Instruction> dockerfile =
        DeploymentFiles.dockerfile(DeploymentFiles.read(project.resolve("docker/Dockerfile")));
    List<String> command = new ArrayList<>();
    for (String keyword : List.of("ENTRYPOINT", "CMD")) {
      dockerfile.stream()
          .filter(i -> i.keyword().equals(keyword))
          .reduce((first, last) -> last)
          .ifPresent(i -> command.addAll(DeploymentFiles.execForm(i)));
    }
    return command;
  }

  /** {@code ${name}} replaced by its value; a property not in {@code properties} is an error. */
  private static String filter(String text, Map<String, String> properties) {
    for (var property : properties.entrySet()) {
      text = text.replace("${" + property.getKey() + "}", property.getValue());
    }
    int unknown = text.indexOf("${");
    if (unknown >= 0) {
      throw new IllegalStateException(
          "no value for " + text.substring(unknown, text.indexOf('}', unknown) + 1));
    }
    return text;
  }
}
