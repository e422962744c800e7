package org.odcsj.rpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.output.SamplePackages;
import org.odcsj.rpm.RpmPackage.ChangelogEntry;
import org.odcsj.rpm.RpmPackage.Dependency;
import org.odcsj.rpm.RpmPackage.FileType;
import org.odcsj.rpm.RpmPackage.PackageFile;
import org.odcsj.testsupport.ProcessRunner;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

class RpmHeaderReaderTest {
  @TempDir Path tmp;

  @Test
  void readsWhatRpmReadsForEachArch() throws Exception {
    assumeTrue(TestRepos.rpmAvailable(), "rpm not installed");
    List<Path> rpms =
        List.of(
            TestRpms.builder("tool", 3, "2.0", "5.fc40", "x86_64")
                .requires("libtool-core", ">=", "1:1.2-3")
                .requires("/bin/sh")
                .requires("config(tool)", "=", "3:2.0-5.fc40")
                .provides("tool-cli", ">", "1.0")
                .file("/usr/bin/tool", "#!/bin/true\n")
                .file("/usr/share/doc/tool/README", "readme\n")
                .build(tmp),
            TestRpms.builder("libtool-core", "1.2", "3", "i686")
                .file("/usr/lib/libtool-core.so.1", "lib\n")
                .build(tmp),
            TestRpms.builder("tool-data", "2.0", "5", "noarch")
                .conflicts("tool", "<", "2")
                .build(tmp),
            TestRpms.builder("tool", "2.0", "5", "src").file("/tool.spec", "spec\n").build(tmp));
    for (Path rpm : rpms) {
      RpmPackage pkg = RpmHeaderReader.read(rpm);
      String q =
          "%{NAME}|%{EPOCH}|%{VERSION}|%{RELEASE}|%{ARCH}|%{SOURCERPM}|%{BUILDTIME}|%{SIZE}"
              + "|%{LICENSE}|%{BUILDHOST}|%{SUMMARY}";
      String expected = rpmQuery(rpm, q);
      String actual =
          String.join(
              "|",
              pkg.name(),
              pkg.epoch() == null ? "(none)" : pkg.epoch(),
              pkg.version(),
              pkg.release(),
              pkg.arch(),
              pkg.sourcerpm().isEmpty() ? "(none)" : pkg.sourcerpm(),
              Long.toString(pkg.buildTime()),
              Long.toString(pkg.installedSize()),
              pkg.license(),
              pkg.buildhost(),
              pkg.summary());
      assertEquals(expected, actual, rpm.getFileName().toString());
      assertEquals(lines(rpmQuery(rpm, "[%{PROVIDENEVRS}\\n]")), strings(pkg.provides()));
      List<String> rpmRequires =
          lines(rpmQuery(rpm, "[%{REQUIRENEVRS}\\n]")).stream()
              .filter(r -> !r.startsWith("rpmlib("))
              .toList();
      assertEquals(rpmRequires, strings(pkg.requires()), rpm.getFileName() + " requires");
      assertEquals(
          lines(rpmQuery(rpm, "[%{CONFLICTNEVRS}\\n]")), strings(pkg.dependencies().conflicts()));
      assertEquals(
          lines(rpmQuery(rpm, "[%{FILENAMES}\\n]")),
          pkg.files().stream().map(PackageFile::path).toList());
      assertEquals(sha256(rpm), pkg.sha256());
      assertEquals(Files.size(rpm), pkg.packageSize());
      assertEquals("", pkg.sigkey());
    }
  }

  @Test
  void aRpmWithoutSourceRpmIsASourcePackage() throws Exception {
    Path srpm = TestRpms.builder("tool", "2.0", "5", "x86_64").sourceRpm(null).build(tmp);
    RpmPackage pkg = RpmHeaderReader.read(srpm);
    assertEquals("src", pkg.arch());
    assertEquals("", pkg.sourcerpm());
    assertTrue(pkg.isSource());
  }

  @Test
  void requiresAreFilteredLikeCreaterepoC() throws Exception {
    RpmPackage pkg = RpmHeaderReader.read(SamplePackages.hello().build(tmp));
    assertEquals(
        List.of(
            "hello-data = 1.0-1",
            "libgreet",
            "libgreet(x86-64) >= 2:2.0",
            "libc.so.6(GLIBC_2.14)(64bit)"),
        strings(pkg.requires()));
    Dependency pre = pkg.requires().get(1);
    assertTrue(pre.pre(), "Requires(pre) is marked pre");
    Dependency versioned = pkg.requires().get(2);
    assertEquals(
        List.of("GE", "2", "2.0"),
        Arrays.asList(versioned.flags(), versioned.epoch(), versioned.version()));
    assertNull(versioned.release());
    assertEquals(List.of("hello-docs"), strings(pkg.dependencies().recommends()));
    assertEquals(List.of("fortune"), strings(pkg.dependencies().suggests()));
    assertEquals(List.of("hello-legacy <= 1:1.0"), strings(pkg.dependencies().obsoletes()));
  }

  @Test
  void filesAreTypedAndHeaderRangeIsWhereCreaterepoCSaysIt() throws Exception {
    RpmPackage pkg = RpmHeaderReader.read(SamplePackages.hello().build(tmp));
    assertEquals(
        List.of(
            new PackageFile("/etc/hello.conf", FileType.FILE),
            new PackageFile("/usr/bin/hello", FileType.FILE),
            new PackageFile("/usr/share/hello", FileType.DIR),
            new PackageFile("/usr/share/hello/README", FileType.FILE),
            new PackageFile("/var/log/hello.log", FileType.GHOST)),
        pkg.files());
    assertEquals(
        List.of("/etc/hello.conf", "/usr/bin/hello"),
        pkg.files().stream().filter(PackageFile::isPrimary).map(PackageFile::path).toList());
    // lead (96) + signature header, padded to 8; the main header runs to the payload
    assertTrue(pkg.headerStart() >= 96 + 16 && pkg.headerStart() % 8 == 0);
    assertTrue(pkg.headerEnd() > pkg.headerStart() && pkg.headerEnd() < pkg.packageSize());
  }

  @Test
  void keepsTheNewestTenChangelogEntriesOldestFirst() throws Exception {
    TestRpms b = TestRpms.builder("chatty", "1", "1", "noarch");
    for (int i = 12; i >= 1; i--) { // newest first, as rpm stores them
      b.changelog(Instant.ofEpochSecond(1_000_000L * i), "Dev " + i + "  ", "- change " + i);
    }
    List<ChangelogEntry> log = RpmHeaderReader.read(b.build(tmp)).changelogs();
    assertEquals(10, log.size());
    assertEquals(new ChangelogEntry("Dev 3", 3_000_000L, "- change 3"), log.get(0));
    assertEquals(new ChangelogEntry("Dev 12", 12_000_000L, "- change 12"), log.get(9));
  }

  @Test
  void changelogEntriesOfTheSameSecondGetDistinctDates() throws Exception {
    Instant t = Instant.ofEpochSecond(1_600_000_000L);
    Path rpm =
        TestRpms.builder("same", "1", "1", "noarch")
            .changelog(t, "C", "- third")
            .changelog(t, "B", "- second")
            .changelog(t, "A", "- first")
            .build(tmp);
    List<Long> dates =
        RpmHeaderReader.read(rpm).changelogs().stream().map(ChangelogEntry::date).toList();
    assertEquals(List.of(1_600_000_000L, 1_600_000_001L, 1_600_000_002L), dates);
  }

  @Test
  void sigkeyIsTheSigningKeysShortIdAndEmptyWhenUnsigned() throws Exception {
    TestKey key = TestKey.generate("ODCS Test <test@odcs.example>");
    Path signed = TestRpms.builder("signed", "1", "1", "noarch").signedWith(key).build(tmp);
    Path unsigned = TestRpms.builder("unsigned", "1", "1", "noarch").build(tmp);
    assertEquals(key.sigkey(), RpmHeaderReader.read(signed).sigkey());
    assertEquals(8, key.sigkey().length());
    assertEquals("", RpmHeaderReader.read(unsigned).sigkey());
    if (TestRepos.rpmAvailable()) {
      String rpmSays = rpmQuery(signed, "%{RSAHEADER:pgpsig}");
      assertTrue(rpmSays.endsWith(key.sigkey()), rpmSays);
    }
  }

  @Test
  void theSigkeyAloneIsReadFromTheSignatureHeader() throws Exception {
    TestKey key = TestKey.generate("ODCS Test <test@odcs.example>");
    Path signed = TestRpms.builder("signed", "1", "1", "noarch").signedWith(key).build(tmp);
    Path unsigned = TestRpms.builder("unsigned", "1", "1", "noarch").build(tmp);
    assertEquals(key.sigkey(), RpmHeaderReader.readSigkey(signed));
    assertEquals("", RpmHeaderReader.readSigkey(unsigned));

    Path notAnRpm = Files.writeString(tmp.resolve("not-an.rpm"), "hello");
    assertThrows(IOException.class, () -> RpmHeaderReader.readSigkey(notAnRpm));
    byte[] bytes = Files.readAllBytes(signed);
    Path cut = Files.write(tmp.resolve("cut.rpm"), Arrays.copyOf(bytes, 200));
    assertThrows(IOException.class, () -> RpmHeaderReader.readSigkey(cut));
  }

  @Test
  void headersOfAZstdPayloadAreReadWithoutDecompressingIt() throws Exception {
    assumeTrue(ProcessRunner.onPath("rpmbuild"), "rpmbuild not installed");
    Path top = tmp.resolve("rpmbuild");
    Path spec = Files.createDirectories(top.resolve("SPECS")).resolve("z.spec");
    Files.writeString(
        spec,
        String.join(
            "\n",
            "Name: zpayload",
            "Version: 1",
            "Release: 1",
            "Summary: zstd payload",
            "License: MIT",
            "BuildArch: noarch",
            "%description",
            "z",
            "%install",
            "mkdir -p %{buildroot}/usr/share/z && echo z > %{buildroot}/usr/share/z/z.txt",
            "%files",
            "/usr/share/z/z.txt",
            ""));
    ProcessRunner.run(
            List.of(
                "rpmbuild",
                "-bb",
                "--quiet",
                "--define",
                "_topdir " + top,
                "--define",
                "_binary_payload w19.zstdio",
                spec.toString()))
        .orThrow();
    Path rpm;
    try (Stream<Path> s = Files.walk(top.resolve("RPMS"))) {
      rpm = s.filter(p -> p.toString().endsWith(".rpm")).findFirst().orElseThrow();
    }
    assertEquals("zstd", rpmQuery(rpm, "%{PAYLOADCOMPRESSOR}"));
    RpmPackage pkg = RpmHeaderReader.read(rpm);
    assertEquals("zpayload-1-1.noarch", pkg.nevra());
    assertTrue(pkg.files().contains(new PackageFile("/usr/share/z/z.txt", FileType.FILE)));
  }

  @Test
  void somethingElseIsReportedAsNotAnRpm() throws Exception {
    Path notRpm = Files.writeString(tmp.resolve("fake.rpm"), "definitely not an rpm");
    IOException e = assertThrows(IOException.class, () -> RpmHeaderReader.read(notRpm));
    assertTrue(e.getMessage().contains(notRpm.toString()), e.getMessage());
  }

  @Test
  void aFileLargerThanItsReadsIsHashedWholeAndOnce() throws Exception {
    // Random text does not compress: the payload spans the header buffer and several payload reads.
    java.util.Random random = new java.util.Random(7);
    StringBuilder big = new StringBuilder();
    while (big.length() < 1_500_000) {
      big.append(Long.toString(random.nextLong(), 36));
    }
    Path rpm = TestRpms.builder("big", "1", "1", "noarch").file("/big", big.toString()).build(tmp);
    assertTrue(Files.size(rpm) > 1_000_000, "payload compressed: " + Files.size(rpm));
    RpmPackage pkg = RpmHeaderReader.read(rpm);
    assertEquals(sha256(rpm), pkg.sha256());
    assertEquals(Files.size(rpm), pkg.packageSize());
  }

  @Test
  void theWarmupReadsAPackageOfItsOwnAndLeavesNothingBehind() throws Exception {
    Path dir = tmp.resolve("warmup");
    RpmPackage read = RpmReaderWarmup.run(dir, 3);
    assertEquals("odcsj-warmup", read.name());
    assertEquals(64, read.sha256().length());
    assertEquals(21, read.files().size());
    try (Stream<Path> left = Files.list(dir)) {
      assertEquals(List.of(), left.toList());
    }
  }

  private static String rpmQuery(Path rpm, String format) {
    return ProcessRunner.run(List.of("rpm", "-qp", "--nosignature", "--qf", format, rpm.toString()))
        .orThrow()
        .output();
  }

  private static List<String> lines(String s) {
    return s.lines().filter(l -> !l.isBlank()).toList();
  }

  private static List<String> strings(List<Dependency> deps) {
    return deps.stream().map(Dependency::toString).toList();
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
