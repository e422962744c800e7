package org.odcsj.rpm;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.eclipse.packager.rpm.RpmSignatureTag;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.parse.InputHeader;
import org.eclipse.packager.rpm.parse.RpmInputStream;
import org.odcsj.rpm.RpmPackage.PackageFile;

/**
 * Reads an RPM file's signature and main headers into an {@link RpmPackage}, with the values
 * createrepo_c would put in repodata. The payload is never decompressed (it is only hashed), so any
 * payload compression works and 1,000 headers take about a tenth of a second.
 */
public final class RpmHeaderReader {
  /** createrepo_c's default {@code --changelog-limit}. */
  public static final int CHANGELOG_LIMIT = 10;

  private static final int NAME = 1000;
  private static final int VERSION = 1001;
  private static final int RELEASE = 1002;
  private static final int EPOCH = 1003;
  private static final int SUMMARY = 1004;
  private static final int DESCRIPTION = 1005;
  private static final int BUILDTIME = 1006;
  private static final int BUILDHOST = 1007;
  private static final int SIZE = 1009;
  private static final int VENDOR = 1011;
  private static final int LICENSE = 1014;
  private static final int PACKAGER = 1015;
  private static final int GROUP = 1016;
  private static final int URL = 1020;
  private static final int ARCH = 1022;
  private static final int SOURCERPM = 1044;
  private static final int ARCHIVESIZE = 1046;
  private static final int SOURCEPACKAGE = 1106;
  private static final int LONGARCHIVESIZE = 271;
  private static final int LONGSIZE = 5009;
  private static final int SIG_PAYLOADSIZE = 1007;
  private static final int PAYLOAD_READ = 1 << 18;

  private RpmHeaderReader() {}

  /** Reads the headers and hashes the whole file (sha256). */
  public static RpmPackage read(Path rpm) throws IOException {
    return read(rpm, null);
  }

  /**
   * Reads the headers only, trusting {@code knownSha256} for the file's checksum (e.g. from an
   * earlier {@link #read(Path)} of the same file); {@code null} hashes the file.
   */
  public static RpmPackage read(Path rpm, String knownSha256) throws IOException {
    MessageDigest sha256 = newSha256();
    // One pass over the file. The headers go through the digest below a 64 KiB buffer (it then
    // sees 64 KiB reads, not the parser's single bytes); the payload — nearly all of the file —
    // comes straight from the channel in large reads, each hashed as it arrives.
    try (FileChannel channel = FileChannel.open(rpm, StandardOpenOption.READ);
        DigestInputStream digesting =
            new DigestInputStream(Channels.newInputStream(channel), sha256);
        InputStream in = new BufferedInputStream(digesting, 1 << 16)) {
      digesting.on(knownSha256 == null);
      HeadersOnly headers = new HeadersOnly(in);
      try {
        headers.readAll();
      } catch (IOException | RuntimeException e) {
        throw new IOException(rpm + " is not a readable RPM file: " + e.getMessage(), e);
      }
      String checksum = knownSha256;
      if (checksum == null) {
        // What the buffer read ahead went through the digest already; the rest follows it.
        hashRest(channel, sha256);
        checksum = HexFormat.of().formatHex(sha256.digest());
      }
      try {
        return toPackage(rpm, headers, checksum);
      } catch (RuntimeException e) {
        throw new IOException(rpm + " has a malformed header: " + e.getMessage(), e);
      }
    }
  }

  /** Hashes the channel from its position to its end. */
  private static void hashRest(FileChannel channel, MessageDigest digest) throws IOException {
    // 256 KiB: few system calls, and still below G1's humongous size, so a plain young object.
    ByteBuffer buffer = ByteBuffer.allocate(PAYLOAD_READ);
    for (int n; (n = channel.read(buffer.clear())) >= 0; ) {
      digest.update(buffer.array(), 0, n);
    }
  }

  /**
   * The sigkey alone ({@code ""} when unsigned): reads the lead and the signature header, the first
   * few KiB of the file, and nothing else.
   */
  public static String readSigkey(Path rpm) throws IOException {
    // One small read and a direct look at the signature header's index: this runs for every
    // package of a compose, mostly waiting for the disk; what it cannot read goes the long way.
    try {
      String sigkey = SignatureHeader.sigkey(rpm);
      if (sigkey != null) {
        return sigkey;
      }
    } catch (IllegalArgumentException e) {
      throw new IOException(rpm + " has a malformed signature: " + e.getMessage(), e);
    }
    try (InputStream in = new BufferedInputStream(Files.newInputStream(rpm), 1 << 13)) {
      HeadersOnly headers = new HeadersOnly(in);
      try {
        headers.readSignature();
        return Sigkey.of(new HeaderTags(headers.signature));
      } catch (IOException | RuntimeException e) {
        throw new IOException(rpm + " is not a readable RPM file: " + e.getMessage(), e);
      }
    }
  }

  private static RpmPackage toPackage(Path rpm, HeadersOnly headers, String sha256)
      throws IOException {
    HeaderTags h = new HeaderTags(headers.main);
    HeaderTags sig = new HeaderTags(headers.signature);
    boolean source = !h.has(SOURCERPM) || h.has(SOURCEPACKAGE);
    List<PackageFile> files = FileListReader.read(h);
    Set<String> paths = new HashSet<>();
    files.forEach(f -> paths.add(f.path()));
    long headerStart = headers.main.getStart();
    return new RpmPackage(
        h.string(NAME),
        h.number(EPOCH).map(String::valueOf).orElse(null),
        h.string(VERSION),
        h.string(RELEASE),
        source ? "src" : h.string(ARCH),
        h.string(SUMMARY),
        h.string(DESCRIPTION),
        h.string(URL),
        h.string(LICENSE),
        h.string(VENDOR),
        h.string(GROUP),
        h.string(BUILDHOST),
        source ? "" : h.string(SOURCERPM),
        h.string(PACKAGER),
        h.number(BUILDTIME).orElse(0L),
        Files.getLastModifiedTime(rpm).toInstant().getEpochSecond(),
        Files.size(rpm),
        h.number(LONGSIZE).or(() -> h.number(SIZE)).orElse(0L),
        h.number(ARCHIVESIZE)
            .or(() -> sig.number(SIG_PAYLOADSIZE))
            .or(() -> h.number(LONGARCHIVESIZE))
            .or(() -> sig.number(LONGARCHIVESIZE))
            .orElse(0L),
        headerStart,
        headerStart + headers.main.getLength(),
        DependencyReader.read(h, paths),
        files,
        ChangelogReader.read(h, CHANGELOG_LIMIT),
        sha256,
        Sigkey.of(sig));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /**
   * Eclipse Packager's stream opens the payload decompressor as soon as a header is asked for,
   * which fails for zstd payloads without zstd-jni; this one reads the lead and the two headers and
   * stops at the payload's first byte.
   */
  private static final class HeadersOnly extends RpmInputStream {
    private InputHeader<RpmSignatureTag> signature;
    private InputHeader<RpmTag> main;

    HeadersOnly(InputStream in) {
      super(in);
    }

    @Override
    protected void ensureInit() {
      // never set up the payload stream
    }

    void readAll() throws IOException {
      readSignature();
      main = readHeader(false);
    }

    void readSignature() throws IOException {
      readLead();
      signature = readHeader(true);
    }
  }
}
