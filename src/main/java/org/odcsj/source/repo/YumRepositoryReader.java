package org.odcsj.source.repo;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Reads a yum repository in a local directory: {@code repodata/repomd.xml}, then the primary
 * metadata it names (gzip, xz, bzip2 or plain), streamed. The primary file's checksum is checked
 * against repomd.xml on the way, so a repository caught mid-update fails loudly instead of giving a
 * mixed package list.
 *
 * <pre>
 * YumRepository repo = YumRepositoryReader.read(Path.of("/mnt/repos/fedora"));
 * repo.packages().forEach(p -> …p.file()…);
 * </pre>
 */
public final class YumRepositoryReader {
  private YumRepositoryReader() {}

  /**
   * Reads the repository at {@code repoDir}.
   *
   * @throws FileNotFoundException when the directory or its repodata/repomd.xml does not exist
   * @throws IOException when the metadata is malformed, unsupported or inconsistent (the message
   *     names the file)
   */
  public static YumRepository read(Path repoDir) throws IOException {
    Path repomd = repoDir.resolve("repodata").resolve("repomd.xml");
    if (!Files.isRegularFile(repomd)) {
      throw new FileNotFoundException(repomd + " does not exist");
    }
    RepomdIndex index = RepomdIndex.parse(repomd);
    Path primary = repoDir.resolve(index.primaryHref()).normalize();
    if (!Files.isRegularFile(primary)) {
      throw new FileNotFoundException(primary + " (named by " + repomd + ") does not exist");
    }
    MessageDigest digest = digestFor(index.checksumType());
    List<SourcePackage> packages;
    try (InputStream raw = Files.newInputStream(primary);
        DigestInputStream hashed = new DigestInputStream(raw, digest);
        InputStream xml = MetadataDecompressor.open(hashed, primary)) {
      packages = new PrimaryParser(repoDir, primary).parse(xml);
      hashed.transferTo(OutputStream.nullOutputStream()); // whatever the parser left unread
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equalsIgnoreCase(index.checksum())) {
      throw new IOException(
          primary + " has checksum " + actual + " but " + repomd + " says " + index.checksum());
    }
    return new YumRepository(repoDir, index.revision(), index.checksum(), packages);
  }

  /** repodata names: sha256, sha512, …; {@code sha} is yum's old name for SHA-1. */
  private static MessageDigest digestFor(String type) throws IOException {
    String t = type == null ? "sha256" : type.toLowerCase(Locale.ROOT);
    String algorithm =
        switch (t) {
          case "sha", "sha1" -> "SHA-1";
          case "md5" -> "MD5";
          default -> t.startsWith("sha") ? "SHA-" + t.substring(3) : t;
        };
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IOException("unsupported repodata checksum type " + type, e);
    }
  }
}
