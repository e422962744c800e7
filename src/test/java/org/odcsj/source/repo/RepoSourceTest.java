package org.odcsj.source.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.source.InvalidSourceRequest;
import org.odcsj.source.PackageContent;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/** The repo source as the generator sees it through the seam, on real createrepo_c repositories. */
class RepoSourceTest {
  @TempDir Path tmp;

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
  private RepoSource source;

  @BeforeEach
  void allowTmp() {
    source = new RepoSource(List.of(tmp), List.of("https://repos.example/"));
  }

  @Test
  void refusesAtSubmissionAPathOutsideTheAllowedRootsAndARelativeOne() {
    InvalidSourceRequest outside =
        assertThrows(InvalidSourceRequest.class, () -> source.validate(spec("/etc/yum.repos.d")));
    assertEquals(
        "Repository path \"/etc/yum.repos.d\" is not under an allowed root"
            + " (odcs.repo.allowed-roots)",
        outside.getMessage());
    InvalidSourceRequest relative =
        assertThrows(InvalidSourceRequest.class, () -> source.validate(spec("repo")));
    assertEquals("Repository path \"repo\" must be absolute", relative.getMessage());
    assertThrows(
        InvalidSourceRequest.class, () -> source.validate(spec("https://elsewhere.example/r")));
  }

  @Test
  void acceptsAtSubmissionLocalAndRemoteRepositoriesUnderTheAllowedRoots() throws Exception {
    source.validate(spec(tmp.resolve("a") + " https://repos.example/b"));
  }

  @Test
  void offersTheRepositoryPackagesAndTheLookasideOfEachArch() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path repo = tmp.resolve("repo");
    TestRpms.builder("foo", "1.0", "1", "x86_64").build(repo);
    TestRepos.createrepo(repo, List.of("--revision", "4711"));
    TestRpms.builder("base", "2", "1", "x86_64").build(tmp.resolve("look/x86_64"));
    TestRepos.createrepo(tmp.resolve("look/x86_64"));
    ComposeSpec spec =
        ComposeSpec.builder(SourceType.REPO)
            .source(repo.toString())
            .lookasideRepos(tmp.resolve("look") + "/$basearch")
            .build();

    PackageContent content = source.open(spec, log, source);

    assertEquals(
        List.of("foo-1.0-1.x86_64"),
        content.candidates().stream().map(c -> c.nevra().toString()).toList());
    assertEquals(
        List.of("base-2-1.x86_64"),
        content.lookaside("x86_64").stream().map(c -> c.nevra().toString()).toList());
    assertTrue(
        logLines.contains("Lookaside " + tmp.resolve("look/x86_64") + ": 1 packages"),
        logLines.toString());
    // createrepo'd Koji repositories carry the Koji event as their revision
    assertEquals(4711L, content.resolvedSpec().kojiEvent());
    assertTrue(content.sigkeys().isEmpty(), "the request's sigkeys apply");
  }

  @Test
  void aMissingLookasideFailsTheComposeNamingIt() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path repo = tmp.resolve("repo");
    TestRpms.builder("foo", "1.0", "1", "x86_64").build(repo);
    TestRepos.createrepo(repo);
    ComposeSpec spec =
        ComposeSpec.builder(SourceType.REPO)
            .source(repo.toString())
            .lookasideRepos(tmp.resolve("none") + "/$basearch")
            .build();

    PackageContent content = source.open(spec, log, source);

    SourceFailure e = assertThrows(SourceFailure.class, () -> content.lookaside("aarch64"));
    assertEquals(
        "lookaside repository " + tmp.resolve("none/aarch64") + " does not exist", e.getMessage());
  }

  @Test
  void theFingerprintOfTheResolutionIsThatOfTheContentAndFollowsTheRepository() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path repo = tmp.resolve("repo");
    TestRpms.builder("foo", "1.0", "1", "x86_64").build(repo);
    TestRepos.createrepo(repo);
    ComposeSpec spec = spec(repo.toString());

    String before = source.resolve(spec, log).fingerprint().compute();
    assertEquals(before, source.open(spec, log, source).fingerprint());
    TestRpms.builder("bar", "1.0", "1", "x86_64").build(repo);
    TestRepos.createrepo(repo);

    assertNotEquals(before, source.resolve(spec, log).fingerprint().compute());
  }

  private static ComposeSpec spec(String source) {
    return ComposeSpec.builder(SourceType.REPO).source(source).build();
  }
}
