package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.selection.Candidate;
import org.odcsj.source.ComposeSource;
import org.odcsj.source.PackageContent;
import org.odcsj.source.PackageSource;
import org.odcsj.source.Resolution;
import org.odcsj.source.SourceLog;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestRpms;
import org.odcsj.testsupport.koji.KojiProtocolTestHub;
import org.odcsj.testsupport.koji.KojiTestTopdir;

/**
 * The Koji sources as the generator uses them, against the Koji protocol test hub, with Koji's
 * volume over HTTP (topurl): RPMs are downloaded for their headers, kept until the content closes,
 * and their metadata is cached for the next compose.
 */
class KojiSourcesTest {

  @TempDir Path dir;

  private KojiProtocolTestHub hub;
  private TestHttpServer volume;
  private final List<String> log = new ArrayList<>();
  private final SourceLog sourceLog =
      new SourceLog() {
        @Override
        public void info(String message) {
          log.add(message);
        }

        @Override
        public void phase(String name, int percent) {}
      };

  @BeforeEach
  void start() throws Exception {
    hub = KojiProtocolTestHub.start();
    Path root = Files.createDirectories(dir.resolve("koji"));
    KojiTestTopdir topdir = new KojiTestTopdir(root, hub.koji());
    long tag = hub.koji().createTag("f40", "x86_64");
    var build =
        topdir.importBuild(
            "web",
            "1.0",
            "1",
            null,
            TestRpms.builder("web", "1.0", "1", "x86_64"),
            TestRpms.builder("web-doc", "1.0", "1", "noarch"));
    hub.koji().packageListAdd(tag, "web");
    hub.koji().tagBuild(tag, build.id());
    volume = TestHttpServer.serve(root);
  }

  @AfterEach
  void stop() {
    volume.close();
    hub.close();
  }

  private List<ComposeSource> sources() {
    return KojiSources.create(
        new KojiSourceSettings(
            KojiHubSettings.of(hub.url()),
            Optional.empty(),
            Optional.of(URI.create(volume.url() + "/")),
            Optional.of(dir.resolve("cache")),
            List.of()));
  }

  @Test
  void aTagComposeOverTheTopurlDownloadsReadsOnceAndCleansUp() throws Exception {
    PackageSource tag =
        (PackageSource)
            sources().stream().filter(s -> s.type() == SourceType.TAG).findFirst().orElseThrow();
    ComposeSpec spec =
        ComposeSpec.builder(SourceType.TAG).source("f40").sigkeys("").arches("x86_64").build();

    Resolution resolution = tag.resolve(spec, sourceLog);
    assertEquals(hub.koji().lastEvent(), resolution.spec().kojiEvent());
    assertEquals("koji-event " + resolution.spec().kojiEvent(), resolution.fingerprint().compute());
    List<Path> files;
    try (PackageContent content = tag.open(resolution.spec(), sourceLog, (url, l) -> List.of())) {
      List<Candidate> candidates = content.candidates();
      assertEquals(
          List.of("web-1.0-1.x86_64", "web-doc-1.0-1.noarch"),
          candidates.stream().map(c -> c.nevra().toString()).sorted().toList());
      files = content.files(candidates, dir.resolve("unused"));
      files.forEach(f -> assertTrue(Files.isRegularFile(f), f.toString()));
      assertEquals(candidates.get(0).checksum(), content.entry(candidates.get(0)).sha256());
    }
    files.forEach(f -> assertFalse(Files.exists(f), "downloads are deleted on close: " + f));
    assertTrue(
        log.contains("x86_64: 0 of 1 package headers from the metadata cache, 1 read"),
        log.toString());

    log.clear();
    long fetched = gets();
    try (PackageContent again = tag.open(resolution.spec(), sourceLog, (url, l) -> List.of())) {
      assertEquals(2, again.candidates().size());
    }
    assertEquals(fetched, gets(), "a cached RPM is not fetched to be read (only asked for: HEAD)");
    assertTrue(
        log.contains("x86_64: 1 of 1 package headers from the metadata cache, 0 read"),
        log.toString());
  }

  private long gets() {
    return volume.requestsFor(".rpm").stream().filter(r -> r.method().equals("GET")).count();
  }
}
