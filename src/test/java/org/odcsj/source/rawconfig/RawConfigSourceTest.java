package org.odcsj.source.rawconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.output.ComposeTree;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;
import org.odcsj.source.TreeDestination;
import org.odcsj.source.WrittenTree;
import org.odcsj.testsupport.pungi.PungiTestDouble;

/**
 * The raw_config source end to end in plain Java: a git repository of configurations made with
 * JGit, the Pungi process test double as the Pungi command.
 */
class RawConfigSourceTest {

  @TempDir Path tmp;
  private Path target;
  private String repoUrl;
  private Path pungi;
  private final List<String> logLines = new ArrayList<>();
  private final SourceLog log =
      new SourceLog() {
        @Override
        public void info(String message) {
          logLines.add(message);
        }

        @Override
        public void phase(String name, int percent) {}
      };

  @BeforeEach
  void repository() throws Exception {
    target = Files.createDirectories(tmp.resolve("target"));
    pungi = PungiTestDouble.write(tmp.resolve("bin"));
    Path repo = tmp.resolve("configs");
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("master").call()) {
      commit(git, repo, "main.conf", "release_short = \"rawtest\"\nrelease_version = \"1\"\n");
      commit(git, repo, "sub/sub.conf", "release_short = \"subtest\"\nrelease_version = \"3\"\n");
      git.checkout().setCreateBranch(true).setName("fail").call();
      commit(git, repo, "main.conf", "release_short = \"x\"\nodcs_test_double = \"fail\"\n");
      git.checkout().setName("master").call();
      git.checkout().setCreateBranch(true).setName("hang").call();
      commit(git, repo, "main.conf", "release_short = \"x\"\nodcs_test_double = \"hang\"\n");
      git.checkout().setName("master").call();
      git.checkout().setCreateBranch(true).setName("nodump").call();
      commit(git, repo, "main.conf", "release_short = \"x\"\nodcs_test_double = \"nodump\"\n");
    }
    repoUrl = repo.toUri().toString();
  }

  private static void commit(Git git, Path repo, String file, String content) throws Exception {
    Path path = repo.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, content);
    git.add().addFilepattern(file).call();
    git.commit().setMessage(file).setAuthor("t", "t@example.com").call();
  }

  private RawConfigSource source(Map<String, RawConfigEntry> entries, Optional<Path> wrapper) {
    return new RawConfigSource(
        new RawConfigSettings(
            entries,
            pungi.toString(),
            List.of("--no-label"),
            Map.of(),
            60,
            Optional.empty(),
            Optional.empty(),
            wrapper,
            Optional.of(() -> 4242L)));
  }

  private RawConfigEntry entry(String file, String path, Long timeout) {
    return new RawConfigEntry(
        repoUrl,
        file,
        Optional.empty(),
        Optional.ofNullable(path),
        Optional.empty(),
        Optional.ofNullable(timeout),
        Optional.empty());
  }

  private TreeDestination destination(long id, String dump) throws IOException {
    ComposeTree tree = new ComposeTree(target, id);
    tree.prepareStaging();
    return new TreeDestination(
        id,
        tree.name(),
        tree.staging(),
        tree.stagingRepoFile(),
        target,
        "http://odcs.test/composes/" + tree.name(),
        dump);
  }

  private static ComposeSpec spec(String source, String type, String label) {
    return ComposeSpec.builder(SourceType.RAW_CONFIG)
        .source(source)
        .composeType(type)
        .label(label)
        .arches("x86_64")
        .build();
  }

  private String stdout(long id) throws IOException {
    return Files.readString(ComposeTree.sideLog(target, "odcs-" + id, "pungi-stdout.log"));
  }

  @Test
  void productionComposeRunsPungiInOdcsArgumentOrderAndKeepsItsDump() throws Exception {
    RawConfigSource source =
        source(Map.of("cfg", entry("main.conf", null, null)), Optional.empty());
    ComposeSpec resolved = source.resolve(spec("cfg#master", "production", "Alpha-1"), log).spec();
    assertEquals(4242L, resolved.kojiEvent());
    TreeDestination dest = destination(7, null);

    WrittenTree written = source.write(resolved, dest, log);

    String id = written.pungiComposeId();
    assertTrue(id.matches("rawtest-1-\\d{8}\\.0"), id);
    assertTrue(written.pungiConfigDump().contains("\"release_short\": \"rawtest\""));
    assertTrue(written.pungiConfigDump().contains("\"from\": \"pungi.conf\""));
    List<String> args =
        stdout(7).lines().filter(l -> l.startsWith("arg: ")).map(l -> l.substring(5)).toList();
    assertEquals(
        List.of("--no-latest-link", "--compose-dir=" + dest.staging(), "--no-label"),
        args.subList(1, 4));
    assertTrue(args.get(0).matches("--config=/.*/pungi\\.conf"), args.get(0));
    assertEquals(
        List.of(
            "--production",
            "--label=Alpha-1",
            "--koji-event",
            "4242",
            "--old-composes",
            target.resolve("production").toString()),
        args.subList(4, 10));
    Path production = target.resolve("production");
    assertEquals(Path.of("../odcs-7"), Files.readSymbolicLink(production.resolve(id)));
    assertEquals(
        Path.of("../odcs-7"), Files.readSymbolicLink(production.resolve("latest-rawtest-1")));
    assertEquals(
        Path.of("../odcs-7"),
        Files.readSymbolicLink(production.resolve("latest-rawtest-1-Alpha-1")));
    assertTrue(Files.readString(dest.staging().resolve("STATUS")).startsWith("FINISHED"));
  }

  @Test
  void regenerationRunsTheStoredDumpAndPassesOldComposesAndRespin() throws Exception {
    RawConfigSource source =
        source(Map.of("cfg", entry("main.conf", null, null)), Optional.empty());
    WrittenTree first =
        source.write(spec("cfg#master", "production", null), destination(1, null), log);
    String dump = first.pungiConfigDump().replace("rawtest", "fromdump");
    ComposeSpec again =
        spec("cfg#master", "production", null).toBuilder().respinOf(first.pungiComposeId()).build();

    WrittenTree second = source.write(again, destination(2, dump), log);

    assertTrue(second.pungiComposeId().startsWith("fromdump-1-"), second.pungiComposeId());
    String out = stdout(2);
    assertTrue(out.matches("(?s).*arg: --config=/[^\\n]*/pungi\\.json\\n.*"), out);
    assertTrue(out.contains("arg: --old-composes\narg: " + target.resolve("production") + "\n"));
    assertTrue(out.contains("arg: --respin-of=" + first.pungiComposeId() + "\n"));
  }

  @Test
  void testComposeHasNoDumpAndAWrapperBecomesPungiConf() throws Exception {
    Path wrapper =
        Files.writeString(
            tmp.resolve("wrapper.conf"),
            "from raw_config import *\n{# deployment #}release_short = \"w{{ compose.id }}\"\n"
                + "release_version = \"{{ compose['koji_event'] }}\"\n");
    RawConfigSource source =
        source(Map.of("cfg", entry("main.conf", null, null)), Optional.of(wrapper));
    ComposeSpec resolved = source.resolve(spec("cfg#master", "test", null), log).spec();

    WrittenTree written = source.write(resolved, destination(3, null), log);

    assertTrue(
        written.pungiComposeId().matches("w3-4242-\\d{8}\\.t\\.0"), written.pungiComposeId());
    assertNull(written.pungiConfigDump());
    assertTrue(Files.isSymbolicLink(target.resolve("test").resolve("latest-w3-4242")));
  }

  @Test
  void pathSelectsTheSubdirectoryOfTheCheckout() throws Exception {
    RawConfigSource source =
        source(Map.of("sub", entry("sub.conf", "sub", null)), Optional.empty());
    WrittenTree written = source.write(spec("sub#master", "ci", null), destination(4, null), log);
    assertTrue(written.pungiComposeId().matches("subtest-3-\\d{8}\\.ci\\.0"));
  }

  @Test
  void failingPungiFailsWithTheCommandItsLogsAndTheErrorsOfItsGlobalLog() throws Exception {
    RawConfigSource source =
        source(Map.of("cfg", entry("main.conf", null, null)), Optional.empty());
    SourceFailure failure =
        assertThrows(
            SourceFailure.class,
            () -> source.write(spec("cfg#fail", "test", null), destination(5, null), log));
    String message = failure.getMessage();
    assertTrue(message.startsWith("Command '['" + pungi + "', '--config="), message);
    assertTrue(
        message.contains(
            "returned non-zero value 1, stdout log: http://odcs.test/composes/odcs-5/pungi-stdout.log,"
                + " stderr log: http://odcs.test/composes/odcs-5/pungi-stderr.log\n"),
        message);
    assertTrue(
        message.endsWith(
            "\nCompose run failed: the test double was told to fail\n  in phase gather\n"),
        message);
    assertTrue(
        Files.readString(ComposeTree.sideLog(target, "odcs-5", "pungi-stderr.log"))
            .contains("pungi test double starting"));
  }

  @Test
  void hangingPungiIsKilledWithItsWholeProcessGroupAtTheTimeout() throws Exception {
    RawConfigSource source = source(Map.of("cfg", entry("main.conf", null, 2L)), Optional.empty());
    long start = System.nanoTime();
    SourceFailure failure =
        assertThrows(
            SourceFailure.class,
            () -> source.write(spec("cfg#hang", "test", null), destination(6, null), log));
    assertEquals(
        "Compose has taken more time than allowed by configuration (2 seconds)",
        failure.getMessage());
    assertTrue((System.nanoTime() - start) / 1_000_000_000 < 30);
    String out = stdout(6);
    for (String key : List.of("child pid", "pid")) {
      Matcher m = Pattern.compile("(?m)^" + key + ": (\\d+)$").matcher(out);
      assertTrue(m.find(), out);
      long pid = Long.parseLong(m.group(1));
      assertFalse(PungiTestDouble.stillRuns(pid, java.time.Duration.ofSeconds(5)), key + " " + pid);
    }
  }

  @Test
  void unknownCommitAndUnloadableDumpFailWithTheirReason() throws Exception {
    RawConfigSource source =
        source(Map.of("cfg", entry("main.conf", null, null)), Optional.empty());
    SourceFailure commit =
        assertThrows(
            SourceFailure.class,
            () -> source.write(spec("cfg#nosuch", "test", null), destination(8, null), log));
    assertTrue(commit.getMessage().startsWith("nosuch is no branch, tag or commit of "));
    SourceFailure dump =
        assertThrows(
            SourceFailure.class,
            () ->
                source.write(spec("cfg#master", "production", null), destination(9, "{oops"), log));
    assertEquals("Compose 9: Cannot load Pungi config dump.", dump.getMessage());
  }

  @Test
  void productionComposeWithoutConfigDumpFails() throws Exception {
    RawConfigSource source =
        source(Map.of("cfg", entry("main.conf", null, null)), Optional.empty());
    SourceFailure failure =
        assertThrows(
            SourceFailure.class,
            () -> source.write(spec("cfg#nodump", "production", null), destination(10, null), log));
    assertEquals("Compose 10: Cannot load Pungi config dump.", failure.getMessage());
    // A test compose keeps no dump, so needs none.
    assertNull(
        source
            .write(spec("cfg#nodump", "test", null), destination(11, null), log)
            .pungiConfigDump());
  }

  @Test
  void aMissingRepositoryFailsSayingItWasNotFound(@org.junit.jupiter.api.io.TempDir Path work) {
    String url = work.resolve("absent.git").toUri().toString();
    SourceFailure failure =
        assertThrows(SourceFailure.class, () -> ConfigCheckout.checkout(url, "master", "", work));
    assertTrue(failure.getMessage().startsWith("Cannot clone raw config " + url + ": "));
    assertTrue(failure.getMessage().contains("not found"), failure.getMessage());
  }
}
