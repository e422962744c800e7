package org.odcsj.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.JsonObject;
import jakarta.json.spi.JsonProvider;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.odcsj.testsupport.Dnf;
import org.odcsj.testsupport.ProcessRunner;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.koji.KojiTestModel;
import org.odcsj.testsupport.koji.KojiTestTopdir;
import org.odcsj.testsupport.koji.KojiTestTopdir.ImportedBuild;

/**
 * The {@code iso} result through the deployed WAR: the image is read back by xorriso (an
 * independent reader), holds exactly the repository's files with the same checksums, is listed in
 * images.json and composeinfo, and dnf installs from its extracted tree.
 */
@ExtendWith({TestEnvironment.class, OdcsServer.class})
class IsoResultIT {

  private static final JsonProvider JSON = JsonProvider.provider();

  private final OdcsApi api = new OdcsApi(OdcsServer.get().baseUrl());
  private final KojiTestModel koji = KojiFixture.get().koji();
  private final KojiTestTopdir topdir = KojiFixture.get().topdir();
  private final String u = UUID.randomUUID().toString().substring(0, 8);

  @Test
  void anIsoOfEachArchHoldsExactlyItsRepository() throws Exception {
    assumeTrue(ProcessRunner.onPath("xorriso"), "xorriso is needed for the iso result");
    tagNoarchBuilds("iso-" + u, "iso-a-" + u, "iso-b-" + u);
    long id = composeDone("iso-" + u, "iso");
    Path compose = composeDir(id);
    JsonObject image = x86_64Image(compose);
    Path iso = compose.resolve(image.getString("path"));
    assertTrue(Files.isRegularFile(iso), iso.toString());
    assertEquals(sha256(iso), image.getJsonObject("checksums").getString("sha256"));
    assertEquals(Files.size(iso), image.getJsonNumber("size").longValue());
    assertEquals("iso", image.getString("format"));
    JsonObject composeinfo = read(compose.resolve("metadata/composeinfo.json"));
    assertEquals(
        "Temporary/x86_64/iso",
        composeinfo
            .getJsonObject("payload")
            .getJsonObject("variants")
            .getJsonObject("Temporary")
            .getJsonObject("paths")
            .getJsonObject("isos")
            .getString("x86_64"));

    Path extracted = TestEnvironment.current().itDir().resolve("iso-" + u);
    ProcessRunner.run(
            List.of(
                "xorriso",
                "-osirrox",
                "on",
                "-indev",
                iso.toString(),
                "-extract",
                "/",
                extracted.toString()))
        .orThrow();
    Path os = compose.resolve("Temporary/x86_64/os");
    assertEquals(checksums(os), checksums(extracted));
    assertEquals(2, checksums(extracted).keySet().stream().filter(f -> f.endsWith(".rpm")).count());

    assumeTrue(Dnf.available(), "dnf is needed to install from the image");
    extracted.toFile().setWritable(true);
    Dnf dnf =
        Dnf.create(TestEnvironment.current().itDir().resolve("dnf-iso-" + u), "x86_64")
            .addRepo("iso-" + u, extracted.toUri().toString());
    var install = dnf.install("iso-a-" + u);
    assertEquals(0, install.exitCode(), install.output());
    assertTrue(dnf.isInstalled("iso-a-" + u));
  }

  @Test
  void bootIsoOfEachArchIsMadeByTheConfiguredLoraxCommand() throws Exception {
    tagNoarchBuilds("boot-" + u, "boot-a-" + u);
    long id = composeDone("boot-" + u, "boot.iso");
    Path compose = composeDir(id);
    JsonObject image = x86_64Image(compose);
    assertEquals("Temporary/x86_64/iso/boot.iso", image.getString("path"));
    assertEquals("boot", image.getString("type"));
    assertTrue(image.getBoolean("bootable"));
    Path iso = compose.resolve(image.getString("path"));
    assertEquals(sha256(iso), image.getJsonObject("checksums").getString("sha256"));
    // The lorax test double names what the server gave it: the arch and its repository.
    var served = api.get("/composes/odcs-" + id + "/compose/Temporary/x86_64/iso/boot.iso");
    assertEquals(200, served.status());
    assertEquals(
        "lorax test double boot image for x86_64 from "
            + OdcsServer.get().targetDir().resolve(".staging/odcs-" + id)
            + "/compose/Temporary/x86_64/os\n",
        served.body().replaceAll("\\.attempt-\\d+", ""));
  }

  /** A tag for x86_64 holding one noarch build of each name. */
  private void tagNoarchBuilds(String tag, String... names) throws Exception {
    long tagId = koji.createTag(tag, "x86_64");
    for (String name : names) {
      ImportedBuild build =
          topdir.importBuild(
              name,
              "1.0",
              "1",
              null,
              TestRpms.builder(name, "1.0", "1", "noarch").file("/usr/share/" + name, name));
      koji.packageListAdd(tagId, name);
      koji.tagBuild(tagId, build.id());
    }
  }

  /** Composes the tag with the repository and {@code result}, and checks it ends done. */
  private long composeDone(String tag, String result) throws Exception {
    long id =
        api.submit(
                "{\"source\": {\"type\": \"tag\", \"source\": \""
                    + tag
                    + "\"}, \"results\": [\""
                    + result
                    + "\"]}")
            .getJsonNumber("id")
            .longValue();
    JsonObject c = api.awaitState(id, Duration.ofSeconds(90), "done", "failed");
    assertEquals("done", c.getString("state_name"), c.toString());
    assertEquals("[\"repository\",\"" + result + "\"]", c.getJsonArray("results").toString());
    return id;
  }

  private static Path composeDir(long id) {
    return OdcsServer.get().targetDir().resolve("odcs-" + id).resolve("compose");
  }

  /** The first x86_64 image that images.json lists. */
  private static JsonObject x86_64Image(Path compose) throws Exception {
    return read(compose.resolve("metadata/images.json"))
        .getJsonObject("payload")
        .getJsonObject("images")
        .getJsonObject("Temporary")
        .getJsonArray("x86_64")
        .getJsonObject(0);
  }

  private static JsonObject read(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      return JSON.createReader(in).readObject();
    }
  }

  /** Relative path → sha256 of every file under {@code root}. */
  private static Map<String, String> checksums(Path root) throws Exception {
    Map<String, String> out = new TreeMap<>();
    try (var walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString(), sha256(p));
      }
    }
    return out;
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
