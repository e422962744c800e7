package org.odcsj.source.repo;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odcsj.testsupport.HandMadeRepo.BILLION_LAUGHS;
import static org.odcsj.testsupport.HandMadeRepo.PROLOG;
import static org.odcsj.testsupport.HandMadeRepo.externalEntity;
import static org.odcsj.testsupport.HandMadeRepo.primary;
import static org.odcsj.testsupport.HandMadeRepo.write;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.selection.Candidate;

/** Repositories built to attack the reader: DTDs, entities, hrefs and links leaving the roots. */
class HostileRepositoryTest {

  @TempDir Path tmp;

  private RefusedRepository refused(Path repo) {
    return assertThrows(RefusedRepository.class, () -> YumRepositoryReader.readWithDetails(repo));
  }

  @Test
  void aPlainHandMadeRepositoryIsRead() throws Exception {
    Path repo = write(tmp.resolve("r"), PROLOG, PROLOG, primary("Packages/hello.rpm", ""));
    var content = YumRepositoryReader.readWithDetails(repo);
    assertEquals("hello", content.packages().get(0).source().name());
  }

  @Test
  @Timeout(10) // expanded, the entities would take minutes and gigabytes
  void billionLaughsInPrimaryIsRefusedAsADtd() throws Exception {
    Path repo = write(tmp.resolve("r"), PROLOG, BILLION_LAUGHS, primary("P/hello.rpm", "&lol9;"));
    RefusedRepository e = refused(repo);
    assertTrue(e.getMessage().contains("primary.xml contains a DTD"), e.getMessage());
    assertTrue(e.getMessage().contains("refused"), e.getMessage());
  }

  @Test
  void anExternalEntityInRepomdIsRefusedAndNothingIsRead() throws Exception {
    Path repo = write(tmp.resolve("r"), externalEntity("repomd"), PROLOG, primary("P/a.rpm", ""));
    RefusedRepository e = refused(repo);
    assertTrue(e.getMessage().contains("repomd.xml contains a DTD"), e.getMessage());
    assertTrue(!e.getMessage().contains("root:"), "no file content in the message");
  }

  @Test
  void anExternalEntityInPrimaryIsRefused() throws Exception {
    Path repo =
        write(tmp.resolve("r"), PROLOG, externalEntity("metadata"), primary("P/a", "&xxe;"));
    assertTrue(refused(repo).getMessage().contains("contains a DTD"));
  }

  @Test
  void aRemoteStyleParseRefusesTheDtdToo() {
    String xml = BILLION_LAUGHS + primary("P/a.rpm", "&lol9;");
    var e =
        assertThrows(
            RefusedRepository.class,
            () ->
                new PrimaryParser("https://example.test/primary.xml", true)
                    .parseLocated(new java.io.ByteArrayInputStream(xml.getBytes())));
    assertTrue(e.getMessage().startsWith("https://example.test/primary.xml contains a DTD"));
  }

  @Test
  void aLocationHrefWithDotDotIsRefused() throws Exception {
    Path repo = write(tmp.resolve("r"), PROLOG, PROLOG, primary("Packages/../../secret.rpm", ""));
    RefusedRepository e = refused(repo);
    assertTrue(e.getMessage().contains("\"Packages/../../secret.rpm\""), e.getMessage());
    assertTrue(e.getMessage().contains("leaves the repository"), e.getMessage());
  }

  @Test
  void anAbsoluteLocationHrefIsRefused() throws Exception {
    for (String href : List.of("/etc/shadow", "file:///etc/shadow", "\\\\host\\share")) {
      Path repo = write(tmp.resolve("r" + href.hashCode()), PROLOG, PROLOG, primary(href, ""));
      assertTrue(refused(repo).getMessage().contains("is absolute"), href);
    }
  }

  @Test
  void repomdNamingMetadataOutsideTheRepositoryIsRefused() throws Exception {
    Path repo = write(tmp.resolve("r"), PROLOG, PROLOG, primary("P/a.rpm", ""));
    Path repomd = repo.resolve("repodata/repomd.xml");
    Files.writeString(
        repomd,
        Files.readString(repomd).replace("repodata/primary.xml", "../r/repodata/primary.xml"));
    assertTrue(refused(repo).getMessage().contains("repomd.xml has a location href"));
  }

  @Test
  void aPackageLinkedOutsideTheAllowedRootsIsRefusedByName() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("allowed"));
    Path outside = Files.writeString(tmp.resolve("secret.rpm"), "not yours");
    Path repo = write(root.resolve("r"), PROLOG, PROLOG, primary("Packages/hello.rpm", ""));
    Files.createDirectories(repo.resolve("Packages"));
    Files.createSymbolicLink(repo.resolve("Packages/hello.rpm"), outside);
    AllowedRoots roots = new AllowedRoots(List.of(root), List.of());
    assertDoesNotThrow(() -> roots.requireRepository(repo));
    RepoSnapshot snapshot = YumRepositories.read(RepoLocation.local(repo), null);
    RefusedRepository e =
        assertThrows(RefusedRepository.class, () -> roots.requirePackages(snapshot));
    assertTrue(e.getMessage().contains("Packages/hello.rpm is a symbolic link to " + outside));
    assertTrue(e.getMessage().contains("outside the allowed roots"), e.getMessage());
  }

  @Test
  void aLinkWithinTheRootsIsFollowed() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("allowed"));
    Path shared = Files.writeString(root.resolve("shared.rpm"), "rpm");
    Path repo = write(root.resolve("r"), PROLOG, PROLOG, primary("Packages/hello.rpm", ""));
    Files.createDirectories(repo.resolve("Packages"));
    Files.createSymbolicLink(repo.resolve("Packages/hello.rpm"), shared);
    AllowedRoots roots = new AllowedRoots(List.of(root), List.of());
    RepoSnapshot snapshot = YumRepositories.read(RepoLocation.local(repo), null);
    assertDoesNotThrow(() -> roots.requirePackages(snapshot));
  }

  @Test
  void linkedMetadataOutsideTheRootsIsRefusedBeforeItIsRead() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("allowed"));
    Path elsewhere = write(tmp.resolve("elsewhere"), PROLOG, PROLOG, primary("P/a.rpm", ""));
    Path repo = Files.createDirectories(root.resolve("r"));
    Files.createSymbolicLink(repo.resolve("repodata"), elsewhere.resolve("repodata"));
    AllowedRoots roots = new AllowedRoots(List.of(root), List.of());
    RefusedRepository e =
        assertThrows(RefusedRepository.class, () -> roots.requireRepository(repo));
    assertTrue(e.getMessage().startsWith("metadata directory " + repo.resolve("repodata")));
  }

  @Test
  void aRemotePackageLocatedByXmlBaseElsewhereIsRefused() throws Exception {
    Path repo = write(tmp.resolve("r"), PROLOG, PROLOG, primary("P/a.rpm", ""));
    RepoSnapshot local = YumRepositories.read(RepoLocation.local(repo), null);
    RepoSnapshot remote =
        new RepoSnapshot(
            RepoLocation.remote("http://127.0.0.1:1/repo/"),
            null,
            "x",
            List.of(at(local.candidates().get(0), "http://evil.example/P/a.rpm")),
            null);
    AllowedRoots roots = new AllowedRoots(List.of(), List.of("http://127.0.0.1:"));
    var e = assertThrows(RefusedRepository.class, () -> roots.requirePackages(remote));
    assertTrue(e.getMessage().contains("http://evil.example/P/a.rpm (located by xml:base)"));
  }

  private static Candidate at(Candidate c, String location) {
    return new Candidate(
        c.nevra(),
        location,
        c.checksumType(),
        c.checksum(),
        c.size(),
        c.fileTime(),
        c.sourcerpm(),
        c.provides(),
        c.requires(),
        c.conflicts(),
        c.obsoletes(),
        c.files(),
        c.sigkey());
  }
}
