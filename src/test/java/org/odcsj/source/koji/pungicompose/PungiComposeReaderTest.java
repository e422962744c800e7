package org.odcsj.source.koji.pungicompose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.output.ComposeIdentity;
import org.odcsj.output.ComposeMetadata;
import org.odcsj.output.PlacedPackage;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.testsupport.TestHttpServer;

/** Resolving pungi_compose sources from rpms.json served over real HTTP on 127.0.0.1. */
class PungiComposeReaderTest {
  @TempDir Path tmp;
  TestHttpServer http;
  PungiComposeReader reader;

  @BeforeEach
  void serve() {
    http = TestHttpServer.serve(tmp);
    reader = new PungiComposeReader(PungiComposeSettings.of(List.of(http.url() + "/composes/")));
  }

  @AfterEach
  void stop() {
    http.close();
  }

  private Path rpmsJson(String compose) throws IOException {
    Path file = tmp.resolve("composes").resolve(compose).resolve("compose/metadata/rpms.json");
    Files.createDirectories(file.getParent());
    return file;
  }

  private static RpmPackage rpm(String name, String epoch, String arch, String sigkey) {
    RpmPackage.Dependencies none =
        new RpmPackage.Dependencies(
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
    return new RpmPackage(
        name,
        epoch,
        "2.1",
        "3.el9",
        arch,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        name + "-2.1-3.el9.src.rpm",
        "",
        0,
        0,
        0,
        0,
        0,
        0,
        0,
        none,
        List.of(),
        List.of(),
        "",
        sigkey);
  }

  @Test
  void aPungiComposeOfOurOwnComposeGivesExactlyItsNevras() throws IOException {
    Map<String, List<PlacedPackage>> packages =
        Map.of(
            "x86_64",
            List.of(
                PlacedPackage.inRepository(
                    "x86_64", rpm("hello", null, "x86_64", "ABCD1234"), "Packages/h/h.rpm"),
                PlacedPackage.inRepository(
                    "x86_64", rpm("libgreet", "2", "x86_64", ""), "Packages/l/l.rpm"),
                PlacedPackage.inRepository(
                    "x86_64",
                    rpm("libgreet-devel", "2", "noarch", "0123beef"),
                    "Packages/l/d.rpm")),
            "i686",
            List.of(
                PlacedPackage.inRepository(
                    "i686", rpm("libgreet", "2", "i686", "abcd1234"), "Packages/l/l.rpm")));
    ComposeMetadata.writeRpms(
        rpmsJson("odcs-7"), ComposeIdentity.test(7, LocalDate.of(2026, 12, 3)), packages);

    PungiComposeContent content =
        reader.read(http.url() + "/composes/odcs-7/compose/" + ComposeMetadata.VARIANT);

    assertEquals(
        Set.of(
            "hello-0:2.1-3.el9.x86_64",
            "libgreet-2:2.1-3.el9.x86_64",
            "libgreet-devel-2:2.1-3.el9.noarch",
            "libgreet-2:2.1-3.el9.i686"),
        content.nevras());
    assertEquals(List.of("i686", "x86_64"), content.arches());
    assertEquals(
        List.of("hello-2.1-3.el9", "libgreet-2.1-3.el9", "libgreet-devel-2.1-3.el9"),
        content.builds());
    assertEquals(List.of("hello", "libgreet", "libgreet-devel"), content.packages());
    assertEquals(List.of("0123beef", "abcd1234", ""), content.sigkeys());
  }

  @Test
  void aPungiManifestGivesSourceRpmsAsBuildsAndPackagesAndReadsOnlyItsVariant() throws IOException {
    Files.writeString(
        rpmsJson("f40"),
        """
        {"header": {"type": "productmd.rpms", "version": "1.2"},
         "payload": {
          "compose": {"id": "Fedora-40-20260101.0", "extra": [1, {"a": [2]}]},
          "rpms": {
           "Client": {"x86_64": {"other-0:1-1.src": {"other-0:1-1.x86_64":
             {"category": "binary", "path": "p", "sigkey": "ffffffff"}}}},
           "Server": {
            "x86_64": {
             "bash-0:5.2.26-3.fc40.src": {
              "bash-0:5.2.26-3.fc40.src": {"category": "source", "path": "a", "sigkey": "a15b79cc"},
              "bash-0:5.2.26-3.fc40.x86_64": {"category": "binary", "path": "b", "sigkey": "A15B79CC"},
              "bash-debuginfo-0:5.2.26-3.fc40.x86_64": {"category": "debug", "path": "c", "sigkey": null}
             }
            },
            "aarch64": {
             "perl-Foo-Bar-1:0.5-0.1.rc1.fc40.src": {
              "perl-Foo-Bar-1:0.5-0.1.rc1.fc40.noarch": {"category": "binary", "path": "d", "sigkey": "a15b79cc"}
             }
            }
           }
          }
         }
        }
        """);
    PungiComposeContent content = reader.read(http.url() + "/composes/f40/compose/Server/");
    assertEquals(List.of("aarch64", "x86_64"), content.arches());
    assertEquals(List.of("bash-5.2.26-3.fc40", "perl-Foo-Bar-0.5-0.1.rc1.fc40"), content.builds());
    assertEquals(List.of("bash", "bash-debuginfo", "perl-Foo-Bar"), content.packages());
    assertEquals(List.of("a15b79cc", ""), content.sigkeys());
    assertEquals(4, content.nevras().size());
  }

  @Test
  void aMissingVariantIsOdcsMessage() throws IOException {
    Files.writeString(rpmsJson("f40"), "{\"payload\": {\"rpms\": {\"Server\": {}}}}");
    PungiComposeException e =
        assertThrows(
            PungiComposeException.class,
            () -> reader.read(http.url() + "/composes/f40/compose/Everything"));
    assertEquals(
        "The "
            + http.url()
            + "/composes/f40/compose/metadata/rpms.json does not contain payload -> rpms ->"
            + " Everything section",
        e.getMessage());
  }

  @Test
  void sourcesOutsideTheAllowedRootsAreRefused() {
    String outside = http.url() + "/elsewhere/compose/Server";
    assertEquals(
        "The pungi_compose source "
            + outside
            + " is not under an allowed root (odcs.pungi-compose.allowed-roots: "
            + http.url()
            + "/composes/); refused",
        assertThrows(PungiComposeException.class, () -> reader.read(outside)).getMessage());
    PungiComposeReader closed = new PungiComposeReader(PungiComposeSettings.of(List.of()));
    assertTrue(
        assertThrows(
                PungiComposeException.class,
                () -> closed.read(http.url() + "/composes/f40/compose/Server"))
            .getMessage()
            .endsWith("(odcs.pungi-compose.allowed-roots: none configured); refused"));
    PungiComposeReader noSlash =
        new PungiComposeReader(PungiComposeSettings.of(List.of(http.url() + "/composes")));
    assertThrows(
        PungiComposeException.class,
        () -> noSlash.read(http.url() + "/composes-evil/compose/Server"));
    assertEquals(0, http.requests().size(), "nothing is fetched from outside the roots");
  }

  @Test
  void onlyPlainHttpUrlsOfAVariantAreTaken() {
    for (String source :
        List.of(
            "file:///srv/composes/f40/compose/Server",
            "/srv/composes/f40/compose/Server",
            http.url() + "/composes/../etc/compose/Server",
            http.url() + "/composes/%2e%2e/x/compose/Server",
            http.url() + "/composes/f40/compose/Server?x=1",
            "http://user@127.0.0.1/composes/f40/compose/Server",
            "http://")) {
      PungiComposeException e =
          assertThrows(PungiComposeException.class, () -> reader.read(source), source);
      assertTrue(
          e.getMessage().startsWith("The pungi_compose source " + source + " "), e.getMessage());
    }
    assertEquals(0, http.requests().size());
  }

  @Test
  void fetchFailuresNameTheUrl() throws IOException {
    String missing = http.url() + "/composes/gone/compose/Server";
    assertEquals(
        "Cannot fetch " + http.url() + "/composes/gone/compose/metadata/rpms.json: HTTP 404",
        assertThrows(PungiComposeException.class, () -> reader.read(missing)).getMessage());

    Files.writeString(rpmsJson("broken"), "<html>not json</html>");
    assertTrue(
        assertThrows(
                PungiComposeException.class,
                () -> reader.read(http.url() + "/composes/broken/compose/Server"))
            .getMessage()
            .startsWith(
                "The "
                    + http.url()
                    + "/composes/broken/compose/metadata/rpms.json is not productmd rpms"
                    + " metadata: "));

    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    String down = "http://127.0.0.1:" + port + "/composes/f40/compose/Server";
    PungiComposeReader toDown =
        new PungiComposeReader(PungiComposeSettings.of(List.of("http://127.0.0.1:" + port + "/")));
    assertTrue(
        assertThrows(PungiComposeException.class, () -> toDown.read(down))
            .getMessage()
            .startsWith(
                "Cannot fetch http://127.0.0.1:" + port + "/composes/f40/compose/metadata"));
  }
}
