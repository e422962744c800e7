package org.odcsj.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.rpm.RpmHeaderReader;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.source.repo.RepoPackage;
import org.odcsj.source.repo.SourcePackage;
import org.odcsj.source.repo.YumRepositoryContent;
import org.odcsj.source.repo.YumRepositoryReader;
import org.odcsj.testsupport.Dnf;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

class RepositoryWriterTest {
  @TempDir Path tmp;

  @Test
  void repodataSaysWhatCreaterepoCSaysForTheSameFiles() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path os = writeSampleRepository();
    Path reference = Files.createDirectories(tmp.resolve("reference"));
    // createrepo_c over the very same files (same inodes, so same mtimes), metadata elsewhere.
    TestRepos.createrepo(os, List.of("--outputdir", reference.toString()));
    Path ours = os;
    Path theirs = reference;
    for (String type : List.of("primary", "filelists", "other")) {
      Map<String, List<String>> expected = RepodataDump.packages(RepodataDump.file(theirs, type));
      Map<String, List<String>> actual = RepodataDump.packages(RepodataDump.file(ours, type));
      assertEquals(expected.keySet(), actual.keySet(), type + ": package set");
      for (String pkgid : expected.keySet()) {
        assertEquals(
            String.join("\n", expected.get(pkgid)),
            String.join("\n", actual.get(pkgid)),
            type + " entry of " + pkgid);
      }
    }
  }

  @Test
  void dnfInstallsThroughTheComposesRepoFileOverHttp() throws Exception {
    assumeTrue(Dnf.available(), "dnf/rpm not installed");
    Path target = tmp.resolve("composes");
    Path result = target.resolve("odcs-7/compose/Temporary");
    RepositoryWriter writer = new RepositoryWriter(result.resolve("x86_64/os"));
    for (Path rpm : SamplePackages.buildAll(tmp.resolve("koji"))) {
      writer.addPackage(rpm);
    }
    writer.finish();
    try (TestHttpServer http = TestHttpServer.serve(target)) {
      Path repoFile = result.resolve("odcs-7.repo");
      RepoFile.write(repoFile, "odcs-7", http.url() + "/odcs-7/compose/Temporary");

      Dnf dnf = Dnf.create(tmp.resolve("dnf"), "x86_64").addRepoFile(repoFile);
      dnf.install("hello").orThrow();
    }
  }

  @Test
  void dnfInstallsFromTheRepositoryPullingDependenciesFromIt() {
    assumeTrue(Dnf.available(), "dnf/rpm not installed");
    Path os = writeSampleRepository();
    Dnf dnf = Dnf.create(tmp.resolve("dnf"), "x86_64");
    dnf.addRepo("odcs-1", os.toUri().toString()).install("hello").orThrow();
    assertEquals("hello-1.0-1.x86_64", dnf.query("hello").output().trim());
    assertEquals("libgreet-2.1-3.x86_64", dnf.query("libgreet").output().trim());
    assertEquals("hello-data-1.0-1.noarch", dnf.query("hello-data").output().trim());
    assertTrue(Files.isRegularFile(dnf.installRoot().resolve("usr/bin/hello")));
  }

  @Test
  void dnfPicksTheI686PackageForAnI686Root() {
    assumeTrue(Dnf.available(), "dnf/rpm not installed");
    Path os = writeSampleRepository();
    Dnf dnf = Dnf.create(tmp.resolve("dnf32"), "i686");
    dnf.addRepo("odcs-1", os.toUri().toString()).install("libgreet").orThrow();
    assertEquals("libgreet-2.1-3.i686", dnf.query("libgreet").output().trim());
  }

  @Test
  void repomdChecksumsAndSizesMatchTheFiles() throws Exception {
    Path os = tmp.resolve("tree/x86_64/os");
    RepositoryWriter writer = new RepositoryWriter(os);
    for (Path rpm : SamplePackages.buildAll(tmp.resolve("koji"))) {
      writer.addPackage(rpm);
    }
    List<RepomdRecord> records = writer.finish("42", Instant.ofEpochSecond(1_700_000_000L));

    assertEquals(
        List.of("primary", "filelists", "other"),
        records.stream().map(RepomdRecord::type).toList());
    String repomd = Files.readString(os.resolve("repodata/repomd.xml"));
    assertTrue(repomd.contains("<revision>42</revision>"), repomd);
    assertTrue(repomd.contains("<timestamp>1700000000</timestamp>"), repomd);
    for (RepomdRecord r : records) {
      Path file = os.resolve(r.href());
      byte[] compressed = Files.readAllBytes(file);
      byte[] open;
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        open = in.readAllBytes();
      }
      assertEquals("repodata/" + sha256(compressed) + "-" + r.type() + ".xml.gz", r.href());
      assertEquals(sha256(compressed), r.checksum());
      assertEquals(sha256(open), r.openChecksum());
      assertEquals(compressed.length, r.size());
      assertEquals(open.length, r.openSize());
      assertTrue(repomd.contains(r.checksum()) && repomd.contains(r.openChecksum()));
      assertTrue(repomd.contains("<size>" + r.size() + "</size>"));
      assertTrue(repomd.contains("<open-size>" + r.openSize() + "</open-size>"));
    }
    try (var files = Files.list(os.resolve("repodata"))) {
      assertEquals(4, files.count(), "only the three metadata files and repomd.xml");
    }
    assertFalse(Files.exists(os.resolve(".repodata")), "staging directory renamed into place");
  }

  @Test
  void packagesAreHardLinkedUnderTheirFirstLetter() throws Exception {
    Path rpm = SamplePackages.hello().build(tmp.resolve("koji"));
    Path os = tmp.resolve("x86_64/os");
    RepositoryWriter writer = new RepositoryWriter(os);
    RpmPackage pkg = writer.addPackage(rpm);

    Path placed = os.resolve("Packages/h/hello-1.0-1.x86_64.rpm");
    assertEquals("hello-1.0-1.x86_64", pkg.nevra());
    assertTrue(Files.isSameFile(rpm, placed), "hard link on the same filesystem");
    writer.addPackage(rpm); // the same file again: nothing new
    assertEquals(1, writer.size());
  }

  @Test
  void aSymlinkedRpmIsPlacedAsTheFileItPointsTo() throws Exception {
    Path rpm = SamplePackages.helloData().build(tmp.resolve("koji"));
    Path link = Files.createDirectories(tmp.resolve("repo")).resolve(rpm.getFileName());
    Files.createSymbolicLink(link, Path.of("../koji").resolve(rpm.getFileName()));
    Path os = tmp.resolve("x86_64/os");
    new RepositoryWriter(os).addPackage(link);
    Path placed = os.resolve("Packages/h/" + rpm.getFileName());
    assertFalse(Files.isSymbolicLink(placed));
    assertTrue(Files.isSameFile(rpm, placed));
  }

  @Test
  void anRpmOnAnotherFilesystemIsCopied() throws Exception {
    Path shm = Path.of("/dev/shm");
    assumeTrue(
        Files.isWritable(shm) && !Files.getFileStore(shm).equals(Files.getFileStore(tmp)),
        "no second writable filesystem");
    Path elsewhere = Files.createTempDirectory(shm, "odcs-test-");
    try {
      Path rpm = SamplePackages.helloData().build(elsewhere);
      Path os = tmp.resolve("x86_64/os");
      RpmPackage pkg = new RepositoryWriter(os).addPackage(rpm);
      Path placed = os.resolve("Packages/h/" + rpm.getFileName());
      assertFalse(Files.isSameFile(rpm, placed));
      assertEquals(pkg.sha256(), RpmHeaderReader.read(placed).sha256());

      Path other = SamplePackages.helloData().summary("other").build(elsewhere.resolve("b"));
      assertThrows(
          FileAlreadyExistsException.class, () -> new RepositoryWriter(os).addPackage(other));
      assertEquals(pkg.sha256(), RpmHeaderReader.read(placed).sha256(), "not overwritten");
    } finally {
      RepodataWriter.deleteTree(elsewhere);
    }
  }

  @Test
  void aDifferentFileOfTheSameNameIsNeverOverwritten() throws Exception {
    Path os = tmp.resolve("x86_64/os");
    RepositoryWriter writer = new RepositoryWriter(os);
    writer.addPackage(SamplePackages.hello().build(tmp.resolve("a")));
    Path other = SamplePackages.hello().summary("something else").build(tmp.resolve("b"));

    assertThrows(FileAlreadyExistsException.class, () -> writer.addPackage(other));
    assertEquals(
        "Test package hello",
        RpmHeaderReader.read(os.resolve("Packages/h/hello-1.0-1.x86_64.rpm")).summary());
  }

  @Test
  void anEmptyRepositoryIsValid() throws Exception {
    Path os = tmp.resolve("empty/os");
    new RepositoryWriter(os).finish();
    String primary =
        new String(
            new GZIPInputStream(Files.newInputStream(RepodataDump.file(os, "primary")))
                .readAllBytes());
    assertTrue(primary.contains("packages=\"0\""), primary);
  }

  @Test
  void twoThousandPackagesAreWrittenQuickly() throws Exception {
    Path rpm = TestRpms.builder("pkg", "1.0", "1", "noarch").file("/usr/bin/pkg", "x").build(tmp);
    Path many = Files.createDirectories(tmp.resolve("many"));
    for (int i = 0; i < 2000; i++) {
      Files.createLink(many.resolve("p" + i + "-1.0-1.noarch.rpm"), rpm);
    }
    long start = System.nanoTime();
    RepositoryWriter writer = new RepositoryWriter(tmp.resolve("big/os"));
    try (var files = Files.list(many)) {
      writer.addPackages(files.sorted().toList());
    }
    writer.finish();
    long millis = (System.nanoTime() - start) / 1_000_000;
    var primary = RepodataDump.parse(RepodataDump.file(tmp.resolve("big/os"), "primary"));
    assertEquals(2000, RepodataDump.children(primary.getDocumentElement(), "package").size());
    System.out.println("2,000 packages placed and indexed in " + millis + " ms");
    assertTrue(millis < 20_000, "took " + millis + " ms");
  }

  @Test
  void entriesCopiedFromTheSourceMetadataEqualThoseReadFromTheHeaders() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path source = tmp.resolve("source");
    List<Path> rpms = new ArrayList<>(SamplePackages.buildAll(source));
    TestKey key = TestKey.generate("Repo Key <key@example.com>");
    rpms.add(
        TestRpms.builder("hello-signed", "1.0", "1", "noarch")
            .file("/usr/share/hello/signed", "s\n")
            .signedWith(key)
            .build(source));
    // The source's locations carry an xml:base; ours must not.
    TestRepos.createrepo(source, List.of("--baseurl", source.toUri().toString()));
    List<SourceEntry> entries = sourceEntries(source, rpms);

    RepositoryWriter copying = new RepositoryWriter(tmp.resolve("copied/os"));
    List<RpmPackage> copied = copying.addPackages(rpms, entries);
    copying.finish();
    RepositoryWriter reading = new RepositoryWriter(tmp.resolve("read/os"));
    List<RpmPackage> read = reading.addPackages(rpms);
    reading.finish();

    assertEquals(rpms.size(), copying.copiedFromSource());
    assertEquals(0, copying.readFromHeaders());
    assertEquals(rpms.size(), reading.readFromHeaders());
    assertSameRepodata(tmp.resolve("read/os"), tmp.resolve("copied/os"));
    assertEquals(identities(read), identities(copied));
    assertEquals(key.sigkey(), copied.get(copied.size() - 1).sigkey());
    for (Path rpm : rpms) {
      Path placed =
          tmp.resolve("copied/os").resolve(RepositoryWriter.hrefFor(rpm.getFileName().toString()));
      assertTrue(Files.isSameFile(rpm, placed), placed.toString());
    }
  }

  @Test
  void aFileThatDiffersFromItsSourceMetadataIsReadFromItsHeader() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path source = tmp.resolve("source");
    List<Path> rpms = SamplePackages.buildAll(source);
    TestRepos.createrepo(source);
    List<SourceEntry> entries = sourceEntries(source, rpms);
    // Rebuilt after the metadata was written: another file under the same name.
    Path changed = SamplePackages.helloData().summary("rebuilt since").build(source);
    Files.setLastModifiedTime(
        changed, FileTime.from(Files.getLastModifiedTime(changed).toInstant().plusSeconds(100)));
    String newSha256 = RpmHeaderReader.read(changed).sha256();
    String oldSha256 = entries.get(rpms.indexOf(changed)).sha256();

    Path os = tmp.resolve("copied/os");
    RepositoryWriter writer = new RepositoryWriter(os);
    List<RpmPackage> identities = writer.addPackages(rpms, entries);
    writer.finish();

    assertEquals(rpms.size() - 1, writer.copiedFromSource());
    assertEquals(1, writer.readFromHeaders());
    assertEquals(newSha256, identities.get(rpms.indexOf(changed)).sha256());
    Map<String, List<String>> primary = RepodataDump.packages(RepodataDump.file(os, "primary"));
    assertFalse(primary.containsKey(oldSha256), "the stale entry is not copied");
    assertTrue(primary.get(newSha256).contains("/package/summary text=rebuilt since"));
    for (String type : List.of("filelists", "other")) {
      assertTrue(RepodataDump.packages(RepodataDump.file(os, type)).containsKey(newSha256), type);
    }
  }

  @Test
  void sourceMetadataThatChangedSinceItWasReadIsNotCopied() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path source = tmp.resolve("source");
    List<Path> rpms = SamplePackages.buildAll(source);
    TestRepos.createrepo(source);
    Path oldPrimary = RepodataDump.file(source, "primary");
    List<SourceEntry> entries = sourceEntries(source, rpms);
    // The repository is updated meanwhile: old metadata files gone, one name now other bytes.
    TestRpms.builder("hello-data", "2.0", "1", "noarch")
        .file("/usr/share/hello/2", "2")
        .build(source);
    TestRepos.createrepo(source);
    Files.copy(RepodataDump.file(source, "primary"), oldPrimary);

    RepositoryWriter copying = new RepositoryWriter(tmp.resolve("copied/os"));
    copying.addPackages(rpms, entries);
    copying.finish();
    RepositoryWriter reading = new RepositoryWriter(tmp.resolve("read/os"));
    reading.addPackages(rpms);
    reading.finish();

    assertEquals(0, copying.copiedFromSource());
    assertEquals(rpms.size(), copying.readFromHeaders());
    assertSameRepodata(tmp.resolve("read/os"), tmp.resolve("copied/os"));
  }

  @Test
  void packagesAddedInSeveralCallsAreAllListed_andNothingElseIsLeftBeside() throws Exception {
    List<Path> rpms = SamplePackages.buildAll(tmp.resolve("koji"));
    Path os = tmp.resolve("x86_64/os");
    RepositoryWriter writer = new RepositoryWriter(os);
    writer.addPackages(rpms.subList(0, 2));
    writer.addPackage(rpms.get(2));
    writer.addPackages(rpms.subList(3, rpms.size()));
    writer.addPackages(rpms.subList(1, 3)); // again: nothing new
    writer.finish();

    Map<String, List<String>> primary = RepodataDump.packages(RepodataDump.file(os, "primary"));
    assertEquals(rpms.size(), primary.size());
    try (var names = Files.list(os)) {
      assertEquals(
          List.of("Packages", "repodata"),
          names.map(p -> p.getFileName().toString()).sorted().toList());
    }
  }

  @Test
  void aFailedAdditionLeavesTheRepositoryAsItWas() throws Exception {
    List<Path> rpms = SamplePackages.buildAll(tmp.resolve("koji"));
    Path os = tmp.resolve("x86_64/os");
    RepositoryWriter writer = new RepositoryWriter(os);
    writer.addPackages(rpms.subList(0, 2));
    List<Path> broken = List.of(rpms.get(2), tmp.resolve("koji/missing-1-1.noarch.rpm"));
    assertThrows(java.nio.file.NoSuchFileException.class, () -> writer.addPackages(broken));
    writer.finish();

    Map<String, List<String>> primary = RepodataDump.packages(RepodataDump.file(os, "primary"));
    assertEquals(2, primary.size());
    assertEquals(2, writer.size());
  }

  @Test
  void anEntryTheSourceLacksIsReadFromTheHeaderAndTheOthersAreStillCopied() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path source = tmp.resolve("source");
    List<Path> rpms = SamplePackages.buildAll(source);
    TestRepos.createrepo(source);
    Path hello = rpms.get(0);
    String helloSha256 = RpmHeaderReader.read(hello).sha256();
    // filelists without hello's entry (repomd.xml updated to match)
    rewriteMetadata(
        source,
        "filelists",
        xml -> {
          int at = xml.indexOf("<package pkgid=\"" + helloSha256 + "\"");
          int end = xml.indexOf("</package>", at) + "</package>\n".length();
          return xml.substring(0, at) + xml.substring(end);
        });
    List<SourceEntry> entries = sourceEntries(source, rpms);

    RepositoryWriter copying = new RepositoryWriter(tmp.resolve("copied/os"));
    copying.addPackages(rpms, entries);
    copying.finish();
    RepositoryWriter reading = new RepositoryWriter(tmp.resolve("read/os"));
    reading.addPackages(rpms);
    reading.finish();

    assertEquals(rpms.size() - 1, copying.copiedFromSource());
    assertEquals(1, copying.readFromHeaders());
    assertSameRepodata(tmp.resolve("read/os"), tmp.resolve("copied/os"));
  }

  @Test
  void aVerifiedDownloadIsReadFromItsHeaderWithoutCopyingFromTheRemoteMetadata() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    Path source = tmp.resolve("source");
    List<Path> rpms = SamplePackages.buildAll(source);
    TestRepos.createrepo(source);
    List<SourceEntry> downloads =
        sourceEntries(source, rpms).stream().map(e -> e.asVerified().withoutRepodata()).toList();

    RepositoryWriter fromDownloads = new RepositoryWriter(tmp.resolve("downloaded/os"));
    List<RpmPackage> identities = fromDownloads.addPackages(rpms, downloads);
    fromDownloads.finish();
    RepositoryWriter reading = new RepositoryWriter(tmp.resolve("read/os"));
    List<RpmPackage> read = reading.addPackages(rpms);
    reading.finish();

    assertEquals(0, fromDownloads.copiedFromSource());
    assertEquals(rpms.size(), fromDownloads.readFromHeaders());
    assertEquals(identities(read), identities(identities));
    assertSameRepodata(tmp.resolve("read/os"), tmp.resolve("downloaded/os"));
  }

  /** Edits one metadata file of a repository, keeping repomd.xml consistent with it. */
  private static void rewriteMetadata(
      Path repo, String type, java.util.function.UnaryOperator<String> edit) throws Exception {
    Path file = RepodataDump.file(repo, type);
    String xml;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    var bytes = new java.io.ByteArrayOutputStream();
    try (var out = new java.util.zip.GZIPOutputStream(bytes)) {
      out.write(edit.apply(xml).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    byte[] gz = bytes.toByteArray();
    String oldSha256 = file.getFileName().toString().substring(0, 64);
    String newSha256 = sha256(gz);
    Files.write(file.resolveSibling(newSha256 + "-" + type + ".xml.gz"), gz);
    Files.delete(file);
    Path repomd = repo.resolve("repodata/repomd.xml");
    Files.writeString(repomd, Files.readString(repomd).replace(oldSha256, newSha256));
  }

  /** What the source repository's metadata says about each of {@code rpms}. */
  private static List<SourceEntry> sourceEntries(Path repo, List<Path> rpms) throws Exception {
    YumRepositoryContent content = YumRepositoryReader.readWithDetails(repo);
    Map<Path, RepoPackage> byFile = new HashMap<>();
    content.packages().forEach(p -> byFile.put(p.source().file(), p));
    List<SourceEntry> entries = new ArrayList<>();
    for (Path rpm : rpms) {
      RepoPackage p = byFile.get(rpm.toAbsolutePath().normalize());
      SourcePackage s = p.source();
      entries.add(
          SourceEntry.ifUnchanged(
              content.repodata(),
              s.checksum(),
              s.name(),
              s.epoch(),
              s.version(),
              s.release(),
              s.arch(),
              p.sourcerpm(),
              p.packageSize(),
              p.fileTime()));
    }
    return entries;
  }

  private static void assertSameRepodata(Path expectedOs, Path actualOs) throws Exception {
    for (String type : List.of("primary", "filelists", "other")) {
      Map<String, List<String>> expected =
          RepodataDump.packages(RepodataDump.file(expectedOs, type));
      Map<String, List<String>> actual = RepodataDump.packages(RepodataDump.file(actualOs, type));
      assertEquals(expected.keySet(), actual.keySet(), type + ": package set");
      for (String pkgid : expected.keySet()) {
        assertEquals(
            String.join("\n", expected.get(pkgid)),
            String.join("\n", actual.get(pkgid)),
            type + " entry of " + pkgid);
      }
    }
  }

  private static List<String> identities(List<RpmPackage> packages) {
    return packages.stream()
        .map(
            p ->
                ComposeMetadata.nevra(p)
                    + " "
                    + ComposeMetadata.srpmNevra(p)
                    + " "
                    + p.sha256()
                    + " "
                    + p.sigkey()
                    + " "
                    + p.packageSize()
                    + " "
                    + p.fileTime())
        .toList();
  }

  private Path writeSampleRepository() {
    try {
      Path os = tmp.resolve("compose/Temporary/x86_64/os");
      RepositoryWriter writer = new RepositoryWriter(os);
      for (Path rpm : SamplePackages.buildAll(tmp.resolve("koji"))) {
        writer.addPackage(rpm);
      }
      writer.finish();
      return os;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }
}
