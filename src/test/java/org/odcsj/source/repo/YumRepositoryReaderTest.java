package org.odcsj.source.repo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.output.RepositoryWriter;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

class YumRepositoryReaderTest {
  @TempDir Path tmp;

  @Test
  void readsTheNevrasFilesAndChecksumsOfACreaterepoCRepository() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path repo = sampleRepo(tmp.resolve("repo"));
    TestRepos.createrepo(repo, List.of("--revision", "r-17"));

    YumRepository read = YumRepositoryReader.read(repo);

    assertEquals(
        List.of("bar-2:0.5-2.noarch", "foo-1.0-1.i686", "foo-1.0-1.x86_64"),
        read.packages().stream().map(SourcePackage::nevra).sorted().toList());
    for (SourcePackage p : read.packages()) {
      assertTrue(Files.isRegularFile(p.file()), p.file().toString());
      assertEquals("sha256", p.checksumType());
      assertEquals(sha256(p.file()), p.checksum());
    }
    SourcePackage bar =
        read.packages().stream().filter(p -> p.name().equals("bar")).findFirst().orElseThrow();
    assertEquals(
        List.of("2", "0.5", "2", "noarch"),
        List.of(bar.epoch(), bar.version(), bar.release(), bar.arch()));
    assertEquals(repo.resolve("sub/bar-0.5-2.noarch.rpm"), bar.file());
    assertEquals("r-17", read.revision());
    assertTrue(Files.readString(repo.resolve("repodata/repomd.xml")).contains(read.fingerprint()));
  }

  @Test
  void theFingerprintChangesWhenThePackagesChange() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path repo = sampleRepo(tmp.resolve("repo"));
    TestRepos.createrepo(repo);
    String before = YumRepositoryReader.read(repo).fingerprint();
    TestRpms.builder("baz", "1", "1", "noarch").build(repo);
    TestRepos.createrepo(repo);
    String after = YumRepositoryReader.read(repo).fingerprint();
    assertTrue(!before.equals(after), "new package, new fingerprint");
    TestRepos.createrepo(repo);
    assertEquals(after, YumRepositoryReader.read(repo).fingerprint(), "same packages, same one");
  }

  @Test
  void readsXzCompressedMetadata() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path repo = sampleRepo(tmp.resolve("repo"));
    TestRepos.createrepo(repo, List.of("--general-compress-type=xz"));
    assertTrue(Files.readString(repo.resolve("repodata/repomd.xml")).contains("primary.xml.xz"));
    assertEquals(3, YumRepositoryReader.read(repo).packages().size());
  }

  @Test
  void refusesZstdCompressedMetadataClearly() throws Exception {
    byte[] zstdMagic = {0x28, (byte) 0xb5, 0x2f, (byte) 0xfd, 0, 0};
    Path repo = handMadeRepo(tmp.resolve("repo"), "primary.xml.zst", zstdMagic);
    IOException e = assertThrows(IOException.class, () -> YumRepositoryReader.read(repo));
    assertTrue(
        e.getMessage().startsWith("zstd-compressed metadata is not supported yet"), e.getMessage());
  }

  @Test
  void readsPlainMetadataAndHonoursALocalXmlBase() throws Exception {
    Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
    String primary =
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <metadata xmlns="http://linux.duke.edu/metadata/common" xmlns:rpm="http://linux.duke.edu/metadata/rpm" packages="2">
        <package type="rpm">
          <name>here</name><arch>x86_64</arch><version epoch="0" ver="1" rel="1"/>
          <checksum type="sha256" pkgid="YES">aa</checksum>
          <location href="Packages/here-1-1.x86_64.rpm"/>
          <format><rpm:provides><rpm:entry name="name" flags="EQ" ver="9"/></rpm:provides></format>
        </package>
        <package type="rpm">
          <name>there</name><arch>noarch</arch><version epoch="1" ver="2" rel="3"/>
          <checksum type="sha256" pkgid="YES">bb</checksum>
          <location xml:base="%s" href="there-2-3.noarch.rpm"/>
        </package>
        </metadata>
        """
            .formatted(elsewhere.toUri());
    Path repo =
        handMadeRepo(tmp.resolve("repo"), "primary.xml", primary.getBytes(StandardCharsets.UTF_8));
    List<SourcePackage> packages = YumRepositoryReader.read(repo).packages();
    assertEquals(
        new SourcePackage(
            "here",
            "0",
            "1",
            "1",
            "x86_64",
            repo.resolve("Packages/here-1-1.x86_64.rpm"),
            "sha256",
            "aa"),
        packages.get(0));
    assertEquals(elsewhere.resolve("there-2-3.noarch.rpm"), packages.get(1).file());
    assertEquals("there-1:2-3.noarch", packages.get(1).nevra());
  }

  @Test
  void readsTheRepositoriesWeWriteOurselves() throws Exception {
    Path koji = tmp.resolve("koji");
    Path os = tmp.resolve("out/x86_64/os");
    RepositoryWriter writer = new RepositoryWriter(os);
    for (Path rpm :
        List.of(
            TestRpms.builder("foo", "1.0", "1", "x86_64").build(koji),
            TestRpms.builder("bar", "0.5", "2", "noarch").build(koji))) {
      writer.addPackage(rpm);
    }
    writer.finish("5", java.time.Instant.ofEpochSecond(5));
    YumRepository read = YumRepositoryReader.read(os);
    assertEquals("5", read.revision());
    assertEquals(
        List.of(
            os.resolve("Packages/b/bar-0.5-2.noarch.rpm"),
            os.resolve("Packages/f/foo-1.0-1.x86_64.rpm")),
        read.packages().stream().map(SourcePackage::file).toList());
  }

  @Test
  void aMissingDirectoryNamesTheRepomdPath() {
    Path missing = tmp.resolve("no/such/repo");
    FileNotFoundException e =
        assertThrows(FileNotFoundException.class, () -> YumRepositoryReader.read(missing));
    assertEquals(missing + "/repodata/repomd.xml does not exist", e.getMessage());
  }

  @Test
  void aDirectoryWithoutRepodataIsNotARepository() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("just-rpms"));
    FileNotFoundException e =
        assertThrows(FileNotFoundException.class, () -> YumRepositoryReader.read(dir));
    assertEquals(dir + "/repodata/repomd.xml does not exist", e.getMessage());
  }

  @Test
  void malformedRepomdIsReportedWithItsPath() throws Exception {
    Path repo = Files.createDirectories(tmp.resolve("bad/repodata")).getParent();
    Path repomd = Files.writeString(repo.resolve("repodata/repomd.xml"), "<repomd><data type=");
    IOException e = assertThrows(IOException.class, () -> YumRepositoryReader.read(repo));
    assertTrue(e.getMessage().contains(repomd.toString()), e.getMessage());
  }

  @Test
  void malformedPrimaryIsReportedWithItsPath() throws Exception {
    Path repo =
        handMadeRepo(
            tmp.resolve("repo"),
            "primary.xml",
            "<metadata><package>".getBytes(StandardCharsets.UTF_8));
    IOException e = assertThrows(IOException.class, () -> YumRepositoryReader.read(repo));
    assertTrue(
        e.getMessage().contains(repo.resolve("repodata/primary.xml").toString()), e.getMessage());
  }

  @Test
  void aPrimaryThatDoesNotMatchRepomdIsRefused() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path repo = sampleRepo(tmp.resolve("repo"));
    TestRepos.createrepo(repo);
    Path repomd = repo.resolve("repodata/repomd.xml");
    String text = Files.readString(repomd);
    int at = text.indexOf("<checksum type=\"sha256\">") + "<checksum type=\"sha256\">".length();
    Files.writeString(repomd, text.substring(0, at) + "0000" + text.substring(at + 4));
    IOException e = assertThrows(IOException.class, () -> YumRepositoryReader.read(repo));
    assertTrue(e.getMessage().contains("checksum"), e.getMessage());
  }

  private static Path sampleRepo(Path dir) {
    TestRpms.builder("foo", "1.0", "1", "x86_64").file("/usr/bin/foo", "foo").build(dir);
    TestRpms.builder("foo", "1.0", "1", "i686").file("/usr/bin/foo", "foo").build(dir);
    TestRpms.builder("bar", 2, "0.5", "2", "noarch").build(dir.resolve("sub"));
    return dir;
  }

  /** A repository whose repomd.xml points at {@code primaryName} with the right checksum. */
  private static Path handMadeRepo(Path dir, String primaryName, byte[] primary) throws Exception {
    Path repodata = Files.createDirectories(dir.resolve("repodata"));
    Files.write(repodata.resolve(primaryName), primary);
    String checksum =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(primary));
    Files.writeString(
        repodata.resolve("repomd.xml"),
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <repomd xmlns="http://linux.duke.edu/metadata/repo">
          <data type="primary">
            <checksum type="sha256">%s</checksum>
            <location href="repodata/%s"/>
          </data>
        </repomd>
        """
            .formatted(checksum, primaryName));
    return dir;
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
