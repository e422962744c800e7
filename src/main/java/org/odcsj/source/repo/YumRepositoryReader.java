package org.odcsj.source.repo;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.odcsj.fetch.Checksums;

/**
 * Reads a yum repository in a local directory: {@code repodata/repomd.xml}, then the primary (and,
 * for {@link #readWithDetails}, filelists) metadata it names (gzip, xz, bzip2 or plain), streamed.
 * Each file's checksum is checked against repomd.xml on the way, so a repository caught mid-update
 * fails loudly instead of giving a mixed package list.
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
    Path repomd = repomdOf(repoDir);
    RepomdIndex index = RepomdIndex.parse(repomd);
    List<RepoPackage> packages =
        readVerified(
            repoDir,
            repomd,
            new RepomdIndex.DataFile(index.primaryHref(), index.checksumType(), index.checksum()),
            (xml, path) -> new PrimaryParser(repoDir, path, false).parse(xml));
    return new YumRepository(
        repoDir,
        index.revision(),
        index.checksum(),
        packages.stream().map(RepoPackage::source).toList());
  }

  /**
   * Reads the repository with each package's relations (primary) and all its files (filelists,
   * streamed; primary's partial file list when repomd.xml names no filelists).
   */
  public static YumRepositoryContent readWithDetails(Path repoDir) throws IOException {
    return readWithDetails(repoDir, path -> true);
  }

  /**
   * Same, keeping only the files {@code keepFile} accepts — a distribution lists millions; a caller
   * that needs only some (e.g. shared libraries and required paths) saves the memory.
   */
  public static YumRepositoryContent readWithDetails(Path repoDir, Predicate<String> keepFile)
      throws IOException {
    Path repomd = repomdOf(repoDir);
    RepomdIndex index = RepomdIndex.parse(repomd);
    RepomdIndex.DataFile filelists = index.filelists();
    // Parsing is most of the reading: filelists on another thread while primary is parsed here.
    Background<Map<String, List<String>>> files =
        filelists == null
            ? null
            : Background.start(
                "filelists of " + repoDir,
                () ->
                    readVerified(
                        repoDir,
                        repomd,
                        filelists,
                        (xml, path) -> new FilelistsParser(path).parse(xml, keepFile)));
    List<RepoPackage> packages;
    try {
      packages =
          readVerified(
              repoDir,
              repomd,
              index.files().get("primary"),
              (xml, path) -> new PrimaryParser(repoDir, path, true).parse(xml));
    } catch (IOException | RuntimeException e) {
      if (files != null) {
        files.abandon();
      }
      throw e;
    }
    if (files != null) {
      FilelistsParser.attach(packages, files.join());
    } else {
      FilelistsParser.keepPrimaryFiles(packages, keepFile);
    }
    YumRepository repository =
        new YumRepository(
            repoDir,
            index.revision(),
            index.checksum(),
            packages.stream().map(RepoPackage::source).toList());
    return new YumRepositoryContent(
        repository, packages, new LocalRepodata(repoDir, repomd, index.files()));
  }

  private static Path repomdOf(Path repoDir) throws FileNotFoundException {
    Path repomd = repoDir.resolve("repodata").resolve("repomd.xml");
    if (!Files.isRegularFile(repomd)) {
      throw new FileNotFoundException(repomd + " does not exist");
    }
    return repomd;
  }

  interface MetadataParser<T> {
    T parse(InputStream xml, Path file) throws IOException;
  }

  /**
   * Streams one metadata file through {@code parser}, decompressed, and checks its checksum against
   * repomd.xml, so a repository caught mid-update fails loudly.
   */
  static <T> T readVerified(
      Path repoDir, Path repomd, RepomdIndex.DataFile data, MetadataParser<T> parser)
      throws IOException {
    Path file = repoDir.resolve(data.href()).normalize();
    if (!Files.isRegularFile(file)) {
      throw new FileNotFoundException(file + " (named by " + repomd + ") does not exist");
    }
    MessageDigest digest = Checksums.digestFor(data.checksumType());
    T result;
    try (InputStream raw = Files.newInputStream(file);
        DigestInputStream hashed = new DigestInputStream(raw, digest);
        InputStream xml = MetadataDecompressor.open(hashed, file)) {
      result = parser.parse(xml, file);
      hashed.transferTo(OutputStream.nullOutputStream()); // whatever the parser left unread
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equalsIgnoreCase(data.checksum())) {
      throw new IOException(
          file + " has checksum " + actual + " but " + repomd + " says " + data.checksum());
    }
    return result;
  }

  /**
   * The fingerprint {@link #read} would report (the primary metadata's checksum), from repomd.xml
   * alone: a cheap way to tell whether a repository changed.
   */
  public static String fingerprint(Path repoDir) throws IOException {
    Path repomd = repoDir.resolve("repodata").resolve("repomd.xml");
    if (!Files.isRegularFile(repomd)) {
      throw new FileNotFoundException(repomd + " does not exist");
    }
    return RepomdIndex.parse(repomd).checksum();
  }
}
