package org.odcsj.source.rawconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.spi.JsonProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;

/** The pure parts of a raw_config run: command line, wrapper rendering, Pungi's log errors. */
class RawConfigPartsTest {

  private static final JsonProvider JSON = JsonProvider.provider();

  private static ComposeSpec spec(String type) {
    return ComposeSpec.builder(SourceType.RAW_CONFIG)
        .source("cfg#abc")
        .composeType(type)
        .arches("x86_64")
        .parentPungiComposeIds("P-1 P-2")
        .build();
  }

  @Test
  void unknownComposeTypeRunsAsTestAndConfiguredTypeFlagWins() {
    List<String> development =
        PungiCommandLine.of(
            "pungi-koji",
            Path.of("/c/pungi.conf"),
            Path.of("/t/x"),
            List.of(),
            spec("development"),
            Optional.empty());
    assertEquals(
        List.of(
            "pungi-koji",
            "--config=/c/pungi.conf",
            "--no-latest-link",
            "--compose-dir=/t/x",
            "--test",
            "--parent-compose-id=P-1",
            "--parent-compose-id=P-2"),
        development);
    List<String> configured =
        PungiCommandLine.of(
            "pungi-koji",
            Path.of("/c/pungi.conf"),
            Path.of("/t/x"),
            List.of("--nightly"),
            spec("production"),
            Optional.of(Path.of("/t/production")));
    assertEquals(List.of("--nightly", "--old-composes", "/t/production"), configured.subList(4, 7));
    assertEquals(7 + 2, configured.size());
  }

  @Test
  void wrapperPrintsValuesAsPythonAndRefusesOtherTemplateConstructs() {
    var compose =
        JSON.createObjectBuilder()
            .add("id", 3)
            .addNull("label")
            .add("arches", JSON.createArrayBuilder().add("x86_64").add("aarch64"))
            .add("flag", true)
            .build();
    assertEquals(
        "id=3 label=None arches=['x86_64', 'aarch64'] flag=True missing=\n",
        WrapperTemplate.render(
            "id={{compose.id}} label={{ compose['label'] }} arches={{ compose[\"arches\"] }}"
                + " flag={{ compose.flag }} missing={{ compose.nope }}{# c #}\n",
            compose));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> WrapperTemplate.render("{% if compose.id %}x{% endif %}", compose));
    assertTrue(e.getMessage().contains("{% if compose.id %}"), e.getMessage());
  }

  @Test
  void pungiLogErrorsFollowOdcsExtraction(@TempDir Path dir) throws Exception {
    Path log = Files.createDirectories(dir.resolve("logs/global")).resolve("pungi.global.log");
    Files.writeString(
        log,
        String.join(
            "\n",
            "t [INFO    ] fine",
            "t [ERROR   ] first",
            "continued",
            "not kept",
            "t [ERROR   ] Extended traceback in: /x",
            "t [ERROR   ] second",
            "t [ERROR   ] last, never closed",
            ""));
    assertEquals("first\ncontinued\nsecond\n", PungiLogErrors.of(dir));
    Files.writeString(log, ("t [ERROR   ] " + "x".repeat(1500) + "\nmore\n").repeat(2));
    String cut = PungiLogErrors.of(dir);
    assertEquals(
        2000 + " ...\n Too many errors, see Pungi log for more information.".length(),
        cut.length());
    assertEquals("", PungiLogErrors.of(dir.resolve("none")));
  }
}
