package org.odcsj.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.modulemd.ModulemdDocuments;
import org.odcsj.selection.Nevra;
import org.odcsj.testsupport.Dnf;
import org.odcsj.testsupport.ProcessRunner;
import org.odcsj.testsupport.TestRpms;

/** A repository with {@code modules} metadata, read back by dnf as the real consumer. */
class ModulesMetadataTest {

  static final String MODULES =
      """
      ---
      document: modulemd
      version: 2
      data:
        name: demo
        stream: "1"
        version: 3920231002101236
        context: "c0ffee42"
        summary: A demo module
        description: The demo module.
        license:
          module: [MIT]
        dependencies:
        - buildrequires:
            platform: [f39]
          requires:
            platform: [f39]
        profiles:
          default:
            rpms: [demo-tool]
        artifacts:
          rpms:
          - demo-tool-0:1.0-1.module_f39.noarch
          - demo-tool-0:1.0-1.module_f39.src
          - demo-extra-0:1.0-1.module_f39.noarch
      ...
      ---
      document: modulemd-defaults
      version: 1
      data:
        module: demo
        stream: "1"
        profiles:
          "1": [default]
      ...
      """;

  @TempDir Path tmp;

  Path repository() throws Exception {
    Path os = tmp.resolve("compose/x86_64/os");
    RepositoryWriter writer = new RepositoryWriter(os);
    writer.addPackage(
        TestRpms.builder("demo-tool", "1.0", "1.module_f39", "noarch")
            .file("/usr/bin/demo-tool", "modular")
            .build(tmp.resolve("rpms")));
    writer.addPackage(
        TestRpms.builder("demo-tool", "2.0", "1", "noarch")
            .file("/usr/bin/demo-tool", "plain")
            .build(tmp.resolve("rpms")));
    ModulemdDocuments all = ModulemdDocuments.parse(MODULES);
    Set<Nevra> placed = Set.of(Nevra.parse("demo-tool-1.0-1.module_f39.noarch"));
    ModulemdDocuments forArch =
        new ModulemdDocuments(
            List.of(all.streams().get(0).forArch("x86_64", a -> placed.contains(Nevra.parse(a)))),
            all.defaults());
    writer.addMetadataFile(
        new ExtraMetadataFile(
            "modules",
            "modules.yaml",
            out -> forArch.write(new OutputStreamWriter(out, StandardCharsets.UTF_8))));
    List<RepomdRecord> records = writer.finish();
    RepomdRecord modules = records.get(records.size() - 1);
    assertEquals("modules", modules.type());
    Path file = os.resolve(modules.href());
    assertTrue(file.getFileName().toString().endsWith("-modules.yaml.gz"), modules.href());
    byte[] gz = Files.readAllBytes(file);
    assertEquals(modules.checksum(), sha256(gz));
    assertEquals(gz.length, modules.size());
    byte[] yaml;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      yaml = in.readAllBytes();
    }
    assertEquals(modules.openChecksum(), sha256(yaml));
    ModulemdDocuments back = ModulemdDocuments.parse(new String(yaml, StandardCharsets.UTF_8));
    assertEquals(
        List.of("demo-tool-0:1.0-1.module_f39.noarch"), back.streams().get(0).artifactRpms());
    String repomd = Files.readString(os.resolve("repodata/repomd.xml"));
    assertTrue(repomd.contains("<data type=\"modules\">"), repomd);
    return os;
  }

  @Test
  void repomdListsTheModulesFileAsModifyrepoWritesIt() throws Exception {
    repository();
  }

  @Test
  void dnfSeesTheModuleWithItsDefaultAndInstallsItsProfile() throws Exception {
    assumeTrue(Dnf.available(), "dnf/rpm not installed");
    Path os = repository();
    Dnf dnf = Dnf.create(tmp.resolve("dnf"), "x86_64").addRepo("modular", os.toUri().toString());
    List<String> platform = List.of("--setopt=module_platform_id=platform:f39");
    ProcessRunner.Result list = dnf.run(concat(platform, List.of("module", "list")));
    assertTrue(list.ok(), list.output());
    assertFalse(list.output().contains("Modular dependency problem"), list.output());
    assertTrue(list.output().matches("(?s).*demo\\s+1 \\[d\\].*"), list.output());
    ProcessRunner.Result install =
        dnf.run(concat(platform, List.of("-y", "module", "install", "demo:1/default")));
    assertTrue(install.ok(), install.output());
    assertTrue(
        dnf.query("demo-tool").output().contains("demo-tool-1.0-1.module_f39"),
        dnf.query("demo-tool").output());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
