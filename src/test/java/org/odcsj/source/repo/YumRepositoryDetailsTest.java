package org.odcsj.source.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.rpm.RpmPackage.Dependency;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Capability;
import org.odcsj.selection.Nevra;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

class YumRepositoryDetailsTest {
  @TempDir Path tmp;

  @Test
  void readsRelationsWithFlagsAndPreTheSourceRpmSizeAndEveryFileFromFilelists() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path repo = tmp.resolve("repo");
    Path rpm =
        TestRpms.builder("foo", 3, "1.0", "2", "x86_64")
            .requires("bar", ">=", "1:2.0-3")
            .requires("libbaz.so.1()(64bit)")
            .requiresPre("/bin/sh")
            .provides("foo-api", "=", "4")
            .conflicts("old-foo", "<", "1.0")
            .obsoletes("foo-legacy", "<=", "0.9")
            .file("/usr/bin/foo", "foo")
            .file("/usr/lib64/libfoo.so.1", "elf")
            .file("/usr/share/foo/data.txt", "data")
            .directory("/usr/share/foo")
            .build(repo);
    TestRpms.builder("bar", "2.0", "3", "noarch").build(repo);
    TestRepos.createrepo(repo);

    YumRepositoryContent content = YumRepositoryReader.readWithDetails(repo);

    assertEquals(2, content.packages().size());
    assertEquals(2, content.repository().packages().size());
    RepoPackage foo =
        content.packages().stream().filter(p -> p.source().name().equals("foo")).findFirst().get();
    assertEquals("foo-3:1.0-2.x86_64", foo.source().nevra());
    assertEquals("foo-1.0-2.src.rpm", foo.sourcerpm());
    assertEquals(java.nio.file.Files.size(rpm), foo.packageSize());
    assertTrue(
        foo.requires().contains(new Dependency("bar", "GE", "1", "2.0", "3", false)),
        foo.requires().toString());
    assertTrue(foo.requires().contains(new Dependency("/bin/sh", null, null, null, null, true)));
    assertTrue(foo.requires().stream().anyMatch(d -> d.name().equals("libbaz.so.1()(64bit)")));
    assertTrue(foo.provides().contains(new Dependency("foo-api", "EQ", "0", "4", null, false)));
    assertEquals(
        List.of(new Dependency("old-foo", "LT", "0", "1.0", null, false)), foo.conflicts());
    assertEquals(
        List.of(new Dependency("foo-legacy", "LE", "0", "0.9", null, false)), foo.obsoletes());
    assertEquals(
        List.of(
            "/usr/bin/foo", "/usr/lib64/libfoo.so.1", "/usr/share/foo", "/usr/share/foo/data.txt"),
        foo.files().stream().sorted().toList());
  }

  @Test
  void aFileFilterKeepsOnlyTheWantedPaths() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path repo = tmp.resolve("repo");
    TestRpms.builder("foo", "1", "1", "x86_64")
        .file("/usr/lib64/libfoo.so.1", "elf")
        .file("/usr/share/doc/foo/README", "doc")
        .build(repo);
    TestRepos.createrepo(repo);
    YumRepositoryContent content =
        YumRepositoryReader.readWithDetails(repo, path -> path.contains(".so."));
    assertEquals(List.of("/usr/lib64/libfoo.so.1"), content.packages().get(0).files());
  }

  @Test
  void candidatesCarryEverythingAndReadTheSigkeyFromTheHeaderOnlyWhenAsked() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path repo = tmp.resolve("repo");
    TestKey key = TestKey.generate("Test <test@example.com>");
    Path signed =
        TestRpms.builder("signed", "1", "1", "noarch")
            .requires("unsigned", ">=", "1")
            .signedWith(key)
            .build(repo);
    TestRpms.builder("unsigned", "1", "1", "noarch").build(repo);
    TestRepos.createrepo(repo);

    List<Candidate> candidates = new YumRepositorySource(repo).candidates();

    Candidate c =
        candidates.stream().filter(x -> x.name().equals("signed")).findFirst().orElseThrow();
    assertEquals(new Nevra("signed", 0, "1", "1", "noarch"), c.nevra());
    assertEquals(signed.toAbsolutePath().toString(), c.location());
    assertEquals("sha256", c.checksumType());
    assertTrue(c.requires().contains(Capability.parse("unsigned >= 1")), c.requires().toString());
    assertTrue(!c.sigkey().isKnown());
    assertEquals(key.sigkey(), c.sigkey().get());
    Candidate u =
        candidates.stream().filter(x -> x.name().equals("unsigned")).findFirst().orElseThrow();
    assertEquals("", u.sigkey().get());
  }
}
