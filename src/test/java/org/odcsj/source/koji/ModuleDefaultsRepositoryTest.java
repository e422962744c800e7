package org.odcsj.source.koji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.modulemd.ModuleDefaults;
import org.odcsj.source.SourceFailure;

/** Module defaults read from a real git repository (made with JGit) at a branch, tag or commit. */
class ModuleDefaultsRepositoryTest {

  @TempDir Path tmp;

  static String defaults(String module, String stream) {
    return "---\ndocument: modulemd-defaults\nversion: 1\ndata:\n  module: "
        + module
        + "\n  stream: \""
        + stream
        + "\"\n  profiles:\n    \""
        + stream
        + "\": [default]\n...\n";
  }

  @Test
  void readsTheTopLevelYamlOfTheNamedRevisionForTheComposesModules() throws Exception {
    Path work = tmp.resolve("defaults");
    RevCommit first;
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
      Files.writeString(work.resolve("nodejs.yaml"), defaults("nodejs", "18"));
      Files.writeString(work.resolve("perl.yaml"), defaults("perl", "5.32"));
      Files.createDirectories(work.resolve("sub"));
      Files.writeString(work.resolve("sub/python.yaml"), defaults("python", "3"));
      Files.writeString(work.resolve("README"), "not yaml");
      git.add().addFilepattern(".").call();
      first = git.commit().setMessage("first").setAuthor("t", "t@example.com").call();
      git.tag().setName("v1").call();
      Files.writeString(work.resolve("nodejs.yaml"), defaults("nodejs", "20"));
      git.add().addFilepattern(".").call();
      git.commit().setMessage("second").setAuthor("t", "t@example.com").call();
    }
    String url = work.toUri().toString();
    long clonesBefore = clones();
    ModuleDefaultsRepository repo = new ModuleDefaultsRepository(List.of(tmp.toUri().toString()));
    Set<String> modules = Set.of("nodejs", "python");

    List<ModuleDefaults> atMain = repo.read(url, "main", modules);
    assertEquals(1, atMain.size(), "only top-level files, only the compose's modules");
    assertEquals("20", atMain.get(0).stream());
    assertEquals("18", repo.read(url, "v1", modules).get(0).stream());
    assertEquals("18", repo.read(url, first.getName(), modules).get(0).stream());

    SourceFailure unknown =
        assertThrows(SourceFailure.class, () -> repo.read(url, "nope", modules));
    assertTrue(unknown.getMessage().contains("is no branch, tag or commit"), unknown.getMessage());
    assertEquals(clonesBefore, clones(), "every clone is removed");
  }

  private static long clones() throws java.io.IOException {
    try (var list = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return list.filter(p -> p.getFileName().toString().startsWith("odcs-module-defaults"))
          .count();
    }
  }

  @Test
  void urlsOutsideTheAllowedPrefixesAreRefused() {
    ModuleDefaultsRepository repo = new ModuleDefaultsRepository(List.of("https://"));
    assertFalse(repo.allowed("file:///etc/"));
    assertFalse(repo.allowed("https://example.com/../x"));
    assertTrue(repo.allowed("https://pagure.io/releng/fedora-module-defaults.git"));
    SourceFailure refused =
        assertThrows(SourceFailure.class, () -> repo.read("file:///etc", "main", Set.of("x")));
    assertTrue(refused.getMessage().contains("not under an allowed prefix"), refused.getMessage());
  }

  @Test
  void aMissingRepositoryFailsSayingItWasNotFound() {
    String url = tmp.resolve("absent.git").toUri().toString();
    ModuleDefaultsRepository repo = new ModuleDefaultsRepository(List.of(tmp.toUri().toString()));
    SourceFailure failure =
        assertThrows(SourceFailure.class, () -> repo.read(url, "main", Set.of("x")));
    assertTrue(failure.getMessage().startsWith("Cannot clone module defaults from " + url + ": "));
    assertTrue(failure.getMessage().contains("not found"), failure.getMessage());
  }
}
