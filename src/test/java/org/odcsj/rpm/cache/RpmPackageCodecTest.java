package org.odcsj.rpm.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.rpm.RpmHeaderReader;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.rpm.RpmPackage.ChangelogEntry;
import org.odcsj.rpm.RpmPackage.Dependencies;
import org.odcsj.rpm.RpmPackage.Dependency;
import org.odcsj.rpm.RpmPackage.FileType;
import org.odcsj.rpm.RpmPackage.PackageFile;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRpms;

class RpmPackageCodecTest {

  @TempDir Path dir;

  @Test
  void aRealRpmReadByTheHeaderReaderComesBackEqual() throws IOException {
    Path rpm =
        TestRpms.builder("cached", "1.2", "3.fc40", "x86_64")
            .requires("libc.so.6()(64bit)")
            .requires("bash", ">=", "5.0")
            .requiresPre("coreutils")
            .provides("cached-api", "=", "1.2")
            .obsoletes("old-cached", "<", "1.0")
            .file("/usr/bin/cached", "#!/bin/sh\n")
            .configFile("/etc/cached.conf", "x=1\n")
            .ghost("/var/log/cached.log")
            .directory("/usr/share/cached")
            .description("ünïcode description\nwith lines")
            .changelog(Instant.ofEpochSecond(1_700_000_000L), "A <a@example.org> - 1.2-3", "- fix")
            .signedWith(TestKey.generate("Cache Test <cache@example.org>"))
            .build(dir);
    RpmPackage read = RpmHeaderReader.read(rpm);

    assertEquals(read, RpmPackageCodec.decode(RpmPackageCodec.encode(read)));
  }

  @Test
  void anIdentityOnlyPackageWithNullTextsComesBackEqual() throws IOException {
    RpmPackage identity = sample("a", List.of(), List.of()).identityOnly();
    assertEquals(identity, RpmPackageCodec.decode(RpmPackageCodec.encode(identity)));
  }

  @Property(tries = 300)
  void everyPackageComesBackEqual(@ForAll("packages") RpmPackage rpm) throws IOException {
    assertEquals(rpm, RpmPackageCodec.decode(RpmPackageCodec.encode(rpm)));
  }

  @Test
  void aRecordOfAnotherFormatVersionIsRefused() {
    byte[] bytes = RpmPackageCodec.encode(sample("a", List.of(), List.of()));
    bytes[7]++; // the version int follows the 4-byte magic
    IOException e = assertThrows(IOException.class, () -> RpmPackageCodec.decode(bytes));
    assertEquals(
        "cached RPM record of format "
            + (RpmPackageCodec.VERSION + 1)
            + ", not "
            + RpmPackageCodec.VERSION,
        e.getMessage());
  }

  @Property(tries = 200)
  void everyTruncatedRecordIsRefusedNotMisread(@ForAll("packages") RpmPackage rpm) {
    byte[] bytes = RpmPackageCodec.encode(rpm);
    for (int cut : new int[] {0, 3, 8, bytes.length / 2, bytes.length - 1}) {
      byte[] truncated = Arrays.copyOf(bytes, cut);
      assertThrows(IOException.class, () -> RpmPackageCodec.decode(truncated), "cut " + cut);
    }
  }

  @Provide
  Arbitrary<RpmPackage> packages() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(40).injectNull(0.1);
    Arbitrary<Dependency> dep =
        Combinators.combine(
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12),
                Arbitraries.of("EQ", "LT", "GT", "LE", "GE").injectNull(0.5),
                text,
                text,
                text,
                Arbitraries.of(true, false))
            .as(Dependency::new);
    Arbitrary<PackageFile> file =
        Combinators.combine(
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30),
                Arbitraries.of(FileType.class))
            .as(PackageFile::new);
    Arbitrary<ChangelogEntry> log =
        Combinators.combine(text, Arbitraries.longs(), text).as(ChangelogEntry::new);
    return Combinators.combine(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
            dep.list().ofMaxSize(5),
            file.list().ofMaxSize(5),
            log.list().ofMaxSize(3),
            Arbitraries.longs())
        .as(
            (name, deps, files, logs, n) ->
                new RpmPackage(
                    name,
                    n % 3 == 0 ? null : "1",
                    "2.0",
                    "3",
                    "noarch",
                    "s",
                    "d",
                    "u",
                    "l",
                    "v",
                    "g",
                    "h",
                    name + "-2.0-3.src.rpm",
                    "p",
                    n,
                    n + 1,
                    Math.abs(n % 100_000),
                    7,
                    8,
                    96,
                    1000,
                    new Dependencies(deps, deps, List.of(), deps, List.of(), deps, List.of(), deps),
                    files,
                    logs,
                    "ab".repeat(32),
                    n % 2 == 0 ? "" : "0123abcd"));
  }

  static RpmPackage sample(String name, List<PackageFile> files, List<ChangelogEntry> logs) {
    return new RpmPackage(
        name,
        null,
        "1",
        "1",
        "x86_64",
        "s",
        "d",
        "u",
        "l",
        "v",
        "g",
        "h",
        name + "-1-1.src.rpm",
        "p",
        1,
        2,
        3,
        4,
        5,
        96,
        100,
        Dependencies.NONE,
        files,
        logs,
        "cd".repeat(32),
        "");
  }
}
