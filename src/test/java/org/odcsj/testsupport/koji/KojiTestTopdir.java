package org.odcsj.testsupport.koji;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.eclipse.packager.rpm.RpmSignatureTag;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.parse.InputHeader;
import org.eclipse.packager.rpm.parse.RpmInputStream;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRpms;

/**
 * A real Koji topdir of RPMs built by the tests, imported into a {@link KojiTestModel} the way Koji
 * imports them: the file under {@code packages/<build N>/<V>/<R>/<arch>/}, its payloadhash taken
 * from the file's sigmd5 and a signature row with sigkey {@code ""}. Signed copies are the same
 * packages rebuilt with a key's header signature (same header and payload bytes), written where
 * Koji's {@code writeSignedRPM} puts them.
 */
public final class KojiTestTopdir {
  private final Path root;
  private final KojiTestModel koji;

  /** A build imported into the topdir: its id, and its RPMs' ids and builders. */
  public record ImportedBuild(
      long id, String name, String version, String release, List<Rpm> rpms) {}

  public record Rpm(long id, String nvra, String arch, TestRpms builder, Path file) {}

  public KojiTestTopdir(Path root, KojiTestModel koji) {
    this.root = root;
    this.koji = koji;
  }

  public Path root() {
    return root;
  }

  /** Builds the RPMs unsigned and imports them as one build (the source package's N-V-R). */
  public ImportedBuild importBuild(
      String name, String version, String release, Long epoch, TestRpms... rpms) {
    long buildId = koji.createBuild(name, version, release, epoch);
    Path buildDir = root.resolve("packages").resolve(name).resolve(version).resolve(release);
    List<Rpm> imported = new ArrayList<>();
    for (TestRpms builder : rpms) {
      Path file = place(builder.signedWith(null), buildDir);
      Header h = header(file);
      long rpmId =
          koji.addRpm(buildId, h.name, h.version, h.release, h.epoch, h.arch, h.sigmd5, size(file));
      koji.addSig(rpmId, "", h.sighash);
      imported.add(
          new Rpm(
              rpmId,
              h.name + "-" + h.version + "-" + h.release + "." + h.arch,
              h.arch,
              builder,
              file));
    }
    return new ImportedBuild(buildId, name, version, release, imported);
  }

  /**
   * Imports RPM files built elsewhere (e.g. a benchmark corpus) as one build: hard-linked into the
   * build's directory, each registered with what Koji's import reads from it.
   */
  public ImportedBuild importFiles(
      String name, String version, String release, Long epoch, List<Path> files) {
    long buildId = koji.createBuild(name, version, release, epoch);
    Path buildDir = root.resolve("packages").resolve(name).resolve(version).resolve(release);
    List<Rpm> imported = new ArrayList<>();
    try {
      for (Path file : files) {
        Header h = header(file);
        Path target = buildDir.resolve(h.arch).resolve(file.getFileName());
        Files.createDirectories(target.getParent());
        Files.deleteIfExists(target);
        Files.createLink(target, file.toRealPath());
        long rpmId =
            koji.addRpm(
                buildId, h.name, h.version, h.release, h.epoch, h.arch, h.sigmd5, size(target));
        koji.addSig(rpmId, "", h.sighash);
        imported.add(
            new Rpm(
                rpmId,
                h.name + "-" + h.version + "-" + h.release + "." + h.arch,
                h.arch,
                null,
                target));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new ImportedBuild(buildId, name, version, release, imported);
  }

  /** The source RPM's file name an RPM was built from (its build's N-V-R plus {@code .src.rpm}). */
  public static String sourceRpmOf(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        RpmInputStream in = new RpmInputStream(raw)) {
      return text(in.getPayloadHeader().getTag(RpmTag.SOURCE_PACKAGE));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Signs every RPM of the build with {@code key}: a signature row and the signed copy. */
  public List<Path> writeSigned(ImportedBuild build, TestKey key) {
    List<Path> copies = new ArrayList<>();
    Path signedDir =
        root.resolve("packages")
            .resolve(build.name())
            .resolve(build.version())
            .resolve(build.release())
            .resolve("data/signed")
            .resolve(key.sigkey());
    for (Rpm rpm : build.rpms()) {
      Path copy = place(rpm.builder().signedWith(key), signedDir);
      rpm.builder().signedWith(null);
      koji.addSig(rpm.id(), key.sigkey(), header(copy).sighash);
      copies.add(copy);
    }
    return copies;
  }

  /** A signature row for every RPM of the build, but no signed copy (possible in Koji). */
  public void recordSignatureOnly(ImportedBuild build, String sigkey) {
    for (Rpm rpm : build.rpms()) {
      koji.addSig(rpm.id(), sigkey, "0".repeat(32));
    }
  }

  private Path place(TestRpms builder, Path dir) {
    try {
      Path work = Files.createTempDirectory(root.getParent(), "rpmbuild");
      Path built = builder.build(work);
      Header h = header(built);
      Path target = dir.resolve(h.arch).resolve(built.getFileName());
      Files.createDirectories(target.getParent());
      Files.move(built, target, StandardCopyOption.REPLACE_EXISTING);
      Files.delete(work);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Header(
      String name,
      String version,
      String release,
      Long epoch,
      String arch,
      String sigmd5,
      String sighash) {}

  /** Reads what Koji's import reads: NEVRA from the header, sigmd5 from the signature header. */
  private static Header header(Path file) {
    try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
        RpmInputStream in = new RpmInputStream(raw)) {
      InputHeader<RpmSignatureTag> sig = in.getSignatureHeader();
      InputHeader<RpmTag> main = in.getPayloadHeader();
      byte[] md5 = (byte[]) sig.getTag(RpmSignatureTag.MD5);
      Object epoch = main.getOptionalTag(RpmTag.EPOCH).orElse(null);
      byte[] sigBytes = new byte[(int) (main.getStart() - 96)];
      try (InputStream again = Files.newInputStream(file)) {
        again.skipNBytes(96);
        again.readNBytes(sigBytes, 0, sigBytes.length);
      }
      return new Header(
          text(main.getTag(RpmTag.NAME)),
          text(main.getTag(RpmTag.VERSION)),
          text(main.getTag(RpmTag.RELEASE)),
          epoch == null ? null : (long) first(epoch),
          text(main.getTag(RpmTag.ARCH)),
          HexFormat.of().formatHex(md5),
          HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(sigBytes)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String text(Object value) {
    return value instanceof String[] a ? a[0] : (String) value;
  }

  private static int first(Object value) {
    return value instanceof int[] a ? a[0] : (Integer) value;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
