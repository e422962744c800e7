package org.odcsj.modulemd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.testsupport.ProcessRunner;

class ModulemdDocumentsTest {

  /** As MBS hands a build out: numbers-looking strings quoted, a version over 2^53. */
  static final String NODEJS =
      """
      ---
      document: modulemd
      version: 2
      data:
        name: nodejs
        stream: "1"
        version: 9920231002101236
        context: "00000000"
        summary: Javascript runtime
        description: >-
          Node.js is a platform.
        license:
          module:
          - MIT
        xmd:
          mbs:
            koji_tag: module-nodejs-1-9920231002101236-00000000
        dependencies:
        - buildrequires:
            platform: [f39]
          requires:
            platform: [f39]
            python: ["on"]
            perl: [-old]
        profiles:
          default:
            rpms:
            - nodejs
        artifacts:
          rpms:
          - nodejs-1:18.1-1.module_f39.src
          - nodejs-1:18.1-1.module_f39.x86_64
          - nodejs-1:18.1-1.module_f39.i686
          - npm-1:9.0-1.module_f39.noarch
      ...
      ---
      document: modulemd-defaults
      version: 1
      data:
        module: nodejs
        stream: "1"
        profiles:
          "1": [default]
      ...
      ---
      document: modulemd-translations
      version: 1
      data:
        module: nodejs
        stream: "1"
        modified: 201812071200
      ...
      """;

  @Test
  void readsIdentityArtifactsAndDependencies() {
    ModulemdDocuments docs = ModulemdDocuments.parse(NODEJS);
    assertEquals(1, docs.streams().size());
    assertEquals(1, docs.defaults().size());
    ModuleStream nodejs = docs.streams().get(0);
    assertEquals("nodejs:1:9920231002101236:00000000", nodejs.nsvc().toString());
    assertEquals(9920231002101236L, nodejs.version());
    assertEquals(4, nodejs.artifactRpms().size());
    assertEquals(
        Map.of("platform", List.of("f39"), "python", List.of("on"), "perl", List.of()),
        nodejs.runtimeRequires());
    assertEquals(Map.of("platform", List.of("f39")), nodejs.buildRequires());
    assertEquals("nodejs", docs.defaults().get(0).module());
    assertEquals("1", docs.defaults().get(0).stream());
  }

  @Test
  void writesWhatReadsBackTheSameWithStringsStillStrings() {
    ModuleStream x86 =
        ModulemdDocuments.parse(NODEJS)
            .streams()
            .get(0)
            .forArch("x86_64", rpm -> rpm.endsWith(".x86_64") || rpm.endsWith(".noarch"));
    String text =
        new ModulemdDocuments(List.of(x86), ModulemdDocuments.parse(NODEJS).defaults()).text();
    assertTrue(text.startsWith("---\n"), text);
    assertTrue(text.contains("stream: '1'") || text.contains("stream: \"1\""), text);
    assertTrue(
        text.contains("context: '00000000'") || text.contains("context: \"00000000\""), text);
    assertTrue(text.contains("version: 9920231002101236"), text);
    ModulemdDocuments back = ModulemdDocuments.parse(text);
    ModuleStream read = back.streams().get(0);
    assertEquals(x86.nsvc(), read.nsvc());
    assertEquals("x86_64", read.arch());
    assertEquals(
        List.of("nodejs-1:18.1-1.module_f39.x86_64", "npm-1:9.0-1.module_f39.noarch"),
        read.artifactRpms());
    assertEquals(List.of("on"), read.runtimeRequires().get("python"));
    assertTrue(text.contains("- 'on'") || text.contains("- \"on\""), text);
    assertEquals(1, back.defaults().size());
  }

  @Test
  void changesReturnCopiesAndLeaveTheOriginal() {
    ModuleStream nodejs = ModulemdDocuments.parse(NODEJS).streams().get(0);
    ModuleStream devel = nodejs.withName("nodejs-devel").withRuntimeRequire("nodejs", "1");
    assertEquals("nodejs-devel", devel.name());
    assertEquals(List.of("1"), devel.runtimeRequires().get("nodejs"));
    assertEquals("nodejs", nodejs.name());
    assertFalse(nodejs.runtimeRequires().containsKey("nodejs"));
  }

  @Test
  void refusesWhatItCannotUse() {
    assertThrows(
        ModulemdException.class,
        () ->
            ModulemdDocuments.parse(
                "document: modulemd\nversion: 1\ndata: {name: a, stream: b}\n"));
    assertThrows(ModulemdException.class, () -> ModulemdDocuments.parse("data: [unclosed"));
    assertThrows(
        ModulemdException.class,
        () -> ModulemdDocuments.parse("document: modulemd\nversion: 2\ndata: {stream: b}\n"));
    StringBuilder laughs = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
    for (char c = 'b'; c <= 'z'; c++) {
      char p = (char) (c - 1);
      laughs.append(c).append(": &").append(c).append(" [");
      laughs.append(("*" + p + ", ").repeat(9)).append('*').append(p).append("]\n");
    }
    assertThrows(ModulemdException.class, () -> ModulemdDocuments.parse(laughs.toString()));
  }

  @Test
  void nsvcParsesEveryFormAndRefusesOthers() {
    assertEquals("nodejs:1", Nsvc.parse("nodejs:1").toString());
    assertEquals(9920231002101236L, Nsvc.parse("nodejs:1:9920231002101236").version());
    assertTrue(Nsvc.parse("nodejs:1:2:c0ffee").complete());
    for (String bad : List.of("nodejs", "a:b:c", "a:b:1:c:d", "a::1", "a:b:-1", "a b:c", ":")) {
      assertThrows(IllegalArgumentException.class, () -> Nsvc.parse(bad), bad);
    }
  }

  /**
   * The reference library (libmodulemd) accepts what we write, where its validator is installed.
   */
  @Test
  void libmodulemdValidatesWhatWeWrite(@TempDir Path dir) throws Exception {
    assumeTrue(ProcessRunner.onPath("modulemd-validator"), "modulemd-validator is absent");
    ModulemdDocuments docs = ModulemdDocuments.parse(NODEJS);
    ModuleStream x86 = docs.streams().get(0).forArch("x86_64", rpm -> !rpm.endsWith(".src"));
    Path file = dir.resolve("modules.yaml");
    Files.writeString(file, new ModulemdDocuments(List.of(x86), docs.defaults()).text());
    ProcessRunner.Result result = ProcessRunner.run(List.of("modulemd-validator", file.toString()));
    assertEquals(0, result.exitCode(), result.output());
  }
}
