package org.odcsj.output;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.testsupport.ProcessRunner;
import org.odcsj.testsupport.TestKey;

class ComposeMetadataTest {
  @TempDir Path tmp;

  private static final LocalDate DATE = LocalDate.of(2024, 1, 15);
  private static final ComposeIdentity ID = ComposeIdentity.test(42, DATE);

  // --- compose identity -------------------------------------------------------------------------

  @Test
  void composeIdIsWhatProductmdBuildsForAnOdcsCompose() {
    assertEquals("odcs-42-1-20240115.t.0", ID.composeId());
    assertEquals("odcs-42", ID.releaseName());
    assertEquals("odcs-42", ID.releaseShort());
    assertEquals("20240115", ID.dateString());
    assertEquals(
        "odcs-7-1-20241231.n.2",
        new ComposeIdentity(7, LocalDate.of(2024, 12, 31), "nightly", 2).composeId());
    assertEquals("odcs-7-1-20240115.ci.0", new ComposeIdentity(7, DATE, "ci", 0).composeId());
    assertEquals("odcs-7-1-20240115.1", new ComposeIdentity(7, DATE, "production", 1).composeId());
  }

  @Test
  void releaseShortIsTheFirstSixteenCharactersOfTheName() {
    ComposeIdentity big = ComposeIdentity.test(123_456_789_012L, DATE);
    assertEquals("odcs-123456789012", big.releaseName());
    assertEquals("odcs-12345678901", big.releaseShort());
    assertEquals("odcs-12345678901-1-20240115.t.0", big.composeId());
  }

  @Test
  void unknownComposeTypesAndNegativeRespinsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new ComposeIdentity(1, DATE, "weekly", 0));
    assertThrows(IllegalArgumentException.class, () -> new ComposeIdentity(1, DATE, "test", -1));
  }

  // --- NEVRAs and categories --------------------------------------------------------------------

  @Test
  void nevrasAlwaysCarryAnEpoch() {
    assertEquals("hello-0:1.0-1.x86_64", ComposeMetadata.nevra(rpm("hello", null, "x86_64", "")));
    assertEquals("hello-0:1.0-1.src", ComposeMetadata.srpmNevra(rpm("hello", null, "x86_64", "")));
    RpmPackage libgreet =
        new RpmPackageBuilder("libgreet", "2", "2.1", "3.el9", "i686")
            .sourcerpm("libgreet-2.1-3.el9.src.rpm")
            .build();
    assertEquals("libgreet-2:2.1-3.el9.i686", ComposeMetadata.nevra(libgreet));
    assertEquals("libgreet-2:2.1-3.el9.src", ComposeMetadata.srpmNevra(libgreet));
  }

  @Test
  void theSourceRpmComesFromTheSourcerpmHeader() {
    RpmPackage sub =
        new RpmPackageBuilder("python3-foo-bar", "1", "0.5", "0.1.rc1.fc40", "noarch")
            .sourcerpm("foo-bar-0.5-0.1.rc1.fc40.src.rpm")
            .build();
    assertEquals("foo-bar-1:0.5-0.1.rc1.fc40.src", ComposeMetadata.srpmNevra(sub));
    RpmPackage source = new RpmPackageBuilder("foo-bar", null, "0.5", "1", "src").build();
    assertEquals("foo-bar-0:0.5-1.src", ComposeMetadata.srpmNevra(source));
    RpmPackage noSource =
        new RpmPackageBuilder("orphan", null, "1", "1", "x86_64").sourcerpm("").build();
    assertEquals("orphan-0:1-1.src", ComposeMetadata.srpmNevra(noSource));
  }

  @Test
  void categoriesFollowPungi() {
    assertEquals("binary", ComposeMetadata.category(rpm("hello", null, "x86_64", "")));
    assertEquals("source", ComposeMetadata.category(rpm("hello", null, "src", "")));
    assertEquals("source", ComposeMetadata.category(rpm("hello", null, "nosrc", "")));
    assertEquals("debug", ComposeMetadata.category(rpm("hello-debuginfo", null, "x86_64", "")));
    assertEquals("debug", ComposeMetadata.category(rpm("hello-debugsource", null, "x86_64", "")));
    assertEquals(
        "debug",
        ComposeMetadata.category(rpm("hello-debuginfo-common-x86_64", null, "x86_64", "")));
    assertEquals("binary", ComposeMetadata.category(rpm("debuginfo-install", null, "noarch", "")));
  }

  @Test
  void unsignedIsNullAndKeysAreLowerCase() {
    assertEquals(null, ComposeMetadata.sigkey(rpm("a", null, "x86_64", "")));
    assertEquals("abcd1234", ComposeMetadata.sigkey(rpm("a", null, "x86_64", "ABCD1234")));
  }

  // --- the files, byte for byte -----------------------------------------------------------------

  @Test
  void rpmsJsonHasProductmdsLayoutExactly() throws IOException {
    Path metadata = tmp.resolve("compose/metadata");
    ComposeMetadata.write(metadata, ID, sampleByArch());
    assertEquals(
        """
        {
            "header": {
                "type": "productmd.rpms",
                "version": "1.2"
            },
            "payload": {
                "compose": {
                    "date": "20240115",
                    "id": "odcs-42-1-20240115.t.0",
                    "respin": 0,
                    "type": "test"
                },
                "rpms": {
                    "Temporary": {
                        "aarch64": {
                            "hello-0:1.0-1.src": {
                                "hello-data-0:1.0-1.noarch": {
                                    "category": "binary",
                                    "path": "Temporary/aarch64/os/Packages/h/hello-data-1.0-1.noarch.rpm",
                                    "sigkey": null
                                }
                            }
                        },
                        "s390x": {},
                        "x86_64": {
                            "hello-0:1.0-1.src": {
                                "hello-0:1.0-1.src": {
                                    "category": "source",
                                    "path": "Temporary/x86_64/os/Packages/h/hello-1.0-1.src.rpm",
                                    "sigkey": "abcd1234"
                                },
                                "hello-0:1.0-1.x86_64": {
                                    "category": "binary",
                                    "path": "Temporary/x86_64/os/Packages/h/hello-1.0-1.x86_64.rpm",
                                    "sigkey": "abcd1234"
                                },
                                "hello-data-0:1.0-1.noarch": {
                                    "category": "binary",
                                    "path": "Temporary/x86_64/os/Packages/h/hello-data-1.0-1.noarch.rpm",
                                    "sigkey": null
                                },
                                "hello-debuginfo-0:1.0-1.x86_64": {
                                    "category": "debug",
                                    "path": "Temporary/x86_64/os/Packages/h/hello-debuginfo-1.0-1.x86_64.rpm",
                                    "sigkey": "abcd1234"
                                }
                            },
                            "libgreet-2:2.1-3.src": {
                                "libgreet-2:2.1-3.i686": {
                                    "category": "binary",
                                    "path": "Temporary/x86_64/os/Packages/l/libgreet-2.1-3.i686.rpm",
                                    "sigkey": "abcd1234"
                                },
                                "libgreet-2:2.1-3.x86_64": {
                                    "category": "binary",
                                    "path": "Temporary/x86_64/os/Packages/l/libgreet-2.1-3.x86_64.rpm",
                                    "sigkey": "abcd1234"
                                }
                            }
                        }
                    }
                }
            }
        }""",
        Files.readString(metadata.resolve(ComposeMetadata.RPMS)));
  }

  @Test
  void composeinfoListsTheVariantWithThePathsThatExist() throws IOException {
    Path compose = tmp.resolve("compose");
    Files.createDirectories(compose.resolve("Temporary/x86_64/os/Packages/h"));
    Files.createDirectories(compose.resolve("Temporary/aarch64/os/repodata")); // no packages
    // s390x: no directory at all
    ComposeMetadata.write(compose.resolve("metadata"), ID, sampleByArch());
    assertEquals(
        """
        {
            "header": {
                "type": "productmd.composeinfo",
                "version": "1.2"
            },
            "payload": {
                "compose": {
                    "date": "20240115",
                    "id": "odcs-42-1-20240115.t.0",
                    "respin": 0,
                    "type": "test"
                },
                "release": {
                    "internal": false,
                    "name": "odcs-42",
                    "short": "odcs-42",
                    "type": "ga",
                    "version": "1"
                },
                "variants": {
                    "Temporary": {
                        "arches": [
                            "aarch64",
                            "s390x",
                            "x86_64"
                        ],
                        "id": "Temporary",
                        "name": "Temporary",
                        "paths": {
                            "os_tree": {
                                "aarch64": "Temporary/aarch64/os",
                                "x86_64": "Temporary/x86_64/os"
                            },
                            "packages": {
                                "x86_64": "Temporary/x86_64/os/Packages"
                            },
                            "repository": {
                                "aarch64": "Temporary/aarch64/os",
                                "x86_64": "Temporary/x86_64/os"
                            }
                        },
                        "type": "variant",
                        "uid": "Temporary"
                    }
                }
            }
        }""",
        Files.readString(compose.resolve("metadata").resolve(ComposeMetadata.COMPOSEINFO)));
    try (var files = Files.list(compose.resolve("metadata"))) {
      assertEquals(
          Set.of("composeinfo.json", "rpms.json"),
          new TreeSet<>(files.map(p -> p.getFileName().toString()).toList()),
          "no temporary files left behind");
    }
  }

  @Test
  void aPackageListedTwiceWithDifferentFilesIsABug() {
    RpmPackage hello = rpm("hello", null, "x86_64", "");
    Map<String, List<PlacedPackage>> twice =
        Map.of(
            "x86_64",
            List.of(
                PlacedPackage.inRepository("x86_64", hello, "Packages/h/hello-1.0-1.x86_64.rpm"),
                PlacedPackage.inRepository("x86_64", hello, "Packages/h/other.rpm")));
    assertThrows(
        IllegalArgumentException.class,
        () -> ComposeMetadata.write(tmp.resolve("compose/metadata"), ID, twice));
    Map<String, List<PlacedPackage>> same =
        Map.of(
            "x86_64",
            List.of(
                PlacedPackage.inRepository("x86_64", hello, "Packages/h/hello-1.0-1.x86_64.rpm"),
                PlacedPackage.inRepository("x86_64", hello, "Packages/h/hello-1.0-1.x86_64.rpm")));
    assertDoesNotThrow(() -> ComposeMetadata.write(tmp.resolve("compose/metadata"), ID, same));
    assertThrows(IllegalArgumentException.class, () -> new PlacedPackage(hello, "/abs/hello.rpm"));
    assertThrows(
        IllegalArgumentException.class,
        () -> ComposeMetadata.write(tmp.resolve("compose/metadata"), ID, Map.of()));
  }

  // --- a real tree, read back -------------------------------------------------------------------

  @Test
  void realTreeIsDescribedAndReadsBackAsJson() throws IOException {
    Tree tree = buildRealTree();
    JsonObject rpms = read(tree.metadata().resolve(ComposeMetadata.RPMS));
    assertEquals("productmd.rpms", rpms.getJsonObject("header").getString("type"));
    assertEquals("1.2", rpms.getJsonObject("header").getString("version"));
    JsonObject compose = rpms.getJsonObject("payload").getJsonObject("compose");
    assertEquals("odcs-42-1-20240115.t.0", compose.getString("id"));
    assertEquals("20240115", compose.getString("date"));
    assertEquals("test", compose.getString("type"));
    assertEquals(0, compose.getInt("respin"));

    JsonObject variant =
        rpms.getJsonObject("payload").getJsonObject("rpms").getJsonObject("Temporary");
    assertEquals(Set.of("x86_64"), variant.keySet());
    JsonObject x86 = variant.getJsonObject("x86_64");
    assertEquals(
        Set.of("hello-0:1.0-1.src", "hello-data-0:1.0-1.src", "libgreet-2:2.1-3.src"),
        x86.keySet());
    assertEquals(
        Set.of("libgreet-2:2.1-3.x86_64", "libgreet-2:2.1-3.i686"),
        x86.getJsonObject("libgreet-2:2.1-3.src").keySet());
    JsonObject hello = x86.getJsonObject("hello-0:1.0-1.src").getJsonObject("hello-0:1.0-1.x86_64");
    assertEquals("binary", hello.getString("category"));
    assertEquals(tree.key().sigkey(), hello.getString("sigkey"));
    JsonObject data =
        x86.getJsonObject("hello-data-0:1.0-1.src").getJsonObject("hello-data-0:1.0-1.noarch");
    assertEquals(JsonValue.NULL, data.get("sigkey"));
    // Every path is a file of the tree, relative to compose/.
    for (String source : x86.keySet()) {
      for (var entry : x86.getJsonObject(source).entrySet()) {
        String path = entry.getValue().asJsonObject().getString("path");
        assertTrue(path.startsWith("Temporary/x86_64/os/Packages/"), path);
        assertTrue(Files.isRegularFile(tree.compose().resolve(path)), path);
      }
    }

    JsonObject info = read(tree.metadata().resolve(ComposeMetadata.COMPOSEINFO));
    assertEquals("productmd.composeinfo", info.getJsonObject("header").getString("type"));
    JsonObject release = info.getJsonObject("payload").getJsonObject("release");
    assertEquals("odcs-42", release.getString("name"));
    assertEquals("odcs-42", release.getString("short"));
    assertEquals("1", release.getString("version"));
    assertEquals("ga", release.getString("type"));
    assertFalse(release.getBoolean("internal"));
    JsonObject temporary =
        info.getJsonObject("payload").getJsonObject("variants").getJsonObject("Temporary");
    assertEquals("x86_64", temporary.getJsonArray("arches").getString(0));
    JsonObject paths = temporary.getJsonObject("paths");
    String repository = paths.getJsonObject("repository").getString("x86_64");
    assertEquals("Temporary/x86_64/os", repository);
    assertTrue(
        Files.isRegularFile(tree.compose().resolve(repository).resolve("repodata/repomd.xml")));
    assertEquals(
        "Temporary/x86_64/os/Packages", paths.getJsonObject("packages").getString("x86_64"));
    assertEquals("Temporary/x86_64/os", paths.getJsonObject("os_tree").getString("x86_64"));
  }

  /**
   * productmd itself loads both files, accepts every entry through {@code Rpms.add} (which checks
   * NEVRAs, arches, categories and relative paths), derives our compose id from the release, and
   * writes the very same bytes back. Runs where python3 has productmd (e.g. Fedora's
   * python3-productmd); skipped elsewhere.
   */
  @Test
  void productmdReadsOurFilesAndWritesTheSameBack() throws IOException {
    assumeTrue(
        ProcessRunner.onPath("python3")
            && ProcessRunner.run(
                    List.of("python3", "-c", "import productmd.rpms, productmd.composeinfo"), 60)
                .ok(),
        "python3 with productmd not available");
    Tree tree = buildRealTree();
    // Add the other shapes too: an empty arch is left out here, productmd's add() cannot write it.
    Path second = tmp.resolve("second/compose/metadata");
    Map<String, List<PlacedPackage>> sample = sampleByArch();
    sample.remove("s390x");
    ComposeMetadata.write(second, new ComposeIdentity(7, DATE, "nightly", 3), sample);
    for (Path metadata : List.of(tree.metadata(), second)) {
      ProcessRunner.Result result =
          ProcessRunner.run(
                  List.of(
                      "python3",
                      "-c",
                      PRODUCTMD_CHECK,
                      metadata.resolve(ComposeMetadata.COMPOSEINFO).toString(),
                      metadata.resolve(ComposeMetadata.RPMS).toString()),
                  120)
              .orThrow();
      assertTrue(result.output().startsWith("ok "), result.output());
    }
  }

  private static final String PRODUCTMD_CHECK =
      """
      import json, sys
      import productmd.composeinfo, productmd.rpms

      ci_path, rpms_path = sys.argv[1], sys.argv[2]
      ci = productmd.composeinfo.ComposeInfo()
      ci.load(ci_path)
      assert ci.create_compose_id() == ci.compose.id, (ci.create_compose_id(), ci.compose.id)
      variant = ci["Temporary"]
      assert variant.type == "variant" and variant.arches, variant

      loaded = productmd.rpms.Rpms()
      loaded.load(rpms_path)
      assert loaded.compose.id == ci.compose.id
      fresh = productmd.rpms.Rpms()
      for field in ("id", "type", "date", "respin"):
          setattr(fresh.compose, field, getattr(loaded.compose, field))
      count = 0
      for vid, arches in loaded.rpms.items():
          for arch, srpms in arches.items():
              assert arch in variant.arches, arch
              for srpm, rpms in srpms.items():
                  for nevra, d in rpms.items():
                      source = None if d["category"] == "source" else srpm
                      fresh.add(vid, arch, nevra, d["path"], d["sigkey"], d["category"], source)
                      count += 1

      def check(name, theirs, path):
          ours = open(path).read()
          if theirs == ours:
              return
          a, b = json.loads(theirs), json.loads(ours)
          # Another productmd release may write another format version; nothing else may differ.
          a.pop("header"), b.pop("header")
          if a != b:
              sys.exit("%s differs; productmd writes:\\n%s" % (name, theirs))

      check("composeinfo", ci.dumps(), ci_path)
      check("rpms", fresh.dumps(), rpms_path)
      print("ok", count)
      """;

  // --- helpers ----------------------------------------------------------------------------------

  private record Tree(Path compose, Path metadata, TestKey key) {}

  /**
   * Sample RPMs (one signed) placed by the RepositoryWriter into a staging tree, then described.
   */
  private Tree buildRealTree() throws IOException {
    TestKey key = TestKey.generate("ODCS Test <test@odcs.example>");
    Path koji = tmp.resolve("koji");
    List<Path> rpms =
        List.of(
            SamplePackages.hello().signedWith(key).build(koji),
            SamplePackages.libgreet("x86_64").build(koji),
            SamplePackages.libgreet("i686").build(koji),
            SamplePackages.helloData().build(koji));
    ComposeTree tree = new ComposeTree(tmp.resolve("target"), 42);
    tree.prepareStaging();
    RepositoryWriter writer = new RepositoryWriter(tree.stagingRepository("x86_64"));
    List<PlacedPackage> placed = new ArrayList<>();
    for (Path rpm : rpms) {
      RpmPackage pkg = writer.addPackage(rpm);
      placed.add(
          PlacedPackage.inRepository(
              "x86_64", pkg, PackagePlacer.hrefFor(rpm.getFileName().toString())));
    }
    writer.finish();
    Path metadata = ComposeMetadata.directory(tree);
    ComposeMetadata.write(metadata, ID, Map.of("x86_64", placed));
    assertEquals(tree.staging().resolve("compose/metadata"), metadata);
    return new Tree(tree.staging().resolve("compose"), metadata, key);
  }

  /** x86_64 with multilib, debuginfo and a source RPM; aarch64 with a noarch; s390x empty. */
  private static Map<String, List<PlacedPackage>> sampleByArch() {
    RpmPackage hello = rpm("hello", null, "x86_64", "ABCD1234");
    RpmPackage helloSrc = rpm("hello", null, "src", "abcd1234");
    RpmPackage debuginfo =
        new RpmPackageBuilder("hello-debuginfo", null, "1.0", "1", "x86_64")
            .sourcerpm("hello-1.0-1.src.rpm")
            .sigkey("abcd1234")
            .build();
    RpmPackage data =
        new RpmPackageBuilder("hello-data", null, "1.0", "1", "noarch")
            .sourcerpm("hello-1.0-1.src.rpm")
            .build();
    RpmPackage libgreet64 =
        new RpmPackageBuilder("libgreet", "2", "2.1", "3", "x86_64").sigkey("abcd1234").build();
    RpmPackage libgreet32 =
        new RpmPackageBuilder("libgreet", "2", "2.1", "3", "i686").sigkey("abcd1234").build();
    Map<String, List<PlacedPackage>> byArch = new LinkedHashMap<>();
    // Deliberately unsorted: the writer sorts.
    byArch.put(
        "x86_64",
        new ArrayList<>(
            List.of(
                placed("x86_64", libgreet32),
                placed("x86_64", hello),
                placed("x86_64", data),
                placed("x86_64", libgreet64),
                placed("x86_64", debuginfo),
                placed("x86_64", helloSrc))));
    byArch.put("s390x", List.of());
    byArch.put("aarch64", List.of(placed("aarch64", data)));
    return byArch;
  }

  private static PlacedPackage placed(String arch, RpmPackage pkg) {
    return PlacedPackage.inRepository(arch, pkg, PackagePlacer.hrefFor(pkg.canonicalFileName()));
  }

  private static RpmPackage rpm(String name, String epoch, String arch, String sigkey) {
    return new RpmPackageBuilder(name, epoch, "1.0", "1", arch).sigkey(sigkey).build();
  }

  private static JsonObject read(Path file) throws IOException {
    try (JsonReader reader = Json.createReader(Files.newBufferedReader(file))) {
      return reader.readObject();
    }
  }

  /**
   * An RpmPackage with only what the metadata needs; SOURCERPM defaults to {@code N-V-R.src.rpm}.
   */
  private static final class RpmPackageBuilder {
    private final String name;
    private final String epoch;
    private final String version;
    private final String release;
    private final String arch;
    private String sourcerpm;
    private String sigkey = "";

    RpmPackageBuilder(String name, String epoch, String version, String release, String arch) {
      this.name = name;
      this.epoch = epoch;
      this.version = version;
      this.release = release;
      this.arch = arch;
      boolean source = "src".equals(arch) || "nosrc".equals(arch);
      this.sourcerpm = source ? "" : name + "-" + version + "-" + release + ".src.rpm";
    }

    RpmPackageBuilder sourcerpm(String sourcerpm) {
      this.sourcerpm = sourcerpm;
      return this;
    }

    RpmPackageBuilder sigkey(String sigkey) {
      this.sigkey = sigkey;
      return this;
    }

    RpmPackage build() {
      RpmPackage.Dependencies none =
          new RpmPackage.Dependencies(
              List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
              List.of());
      return new RpmPackage(
          name, epoch, version, release, arch, "", "", "", "", "", "", "", sourcerpm, "", 0, 0, 0,
          0, 0, 0, 0, none, List.of(), List.of(), "", sigkey);
    }
  }
}
