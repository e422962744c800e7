package org.odcsj.source.repo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.odcsj.fetch.Checksums;
import org.odcsj.fetch.HttpFiles;
import org.odcsj.fetch.PackageFetcher;

/**
 * Reads a yum repository over http(s) as {@link YumRepositoryReader} reads a local one: {@code
 * repodata/repomd.xml}, then primary and filelists (gzip, xz, bzip2 or plain), streamed and checked
 * against repomd.xml's checksums. No RPM is fetched: {@link PackageFetcher} does that for the
 * selected packages.
 *
 * <pre>
 * RepoLocation.Remote repo = RepoLocation.remote("https://kojipkgs.example/repos/f40/x86_64");
 * RemoteRepositoryContent content = RemoteYumRepositoryReader.readWithDetails(repo, http);
 * </pre>
 */
public final class RemoteYumRepositoryReader {
  private RemoteYumRepositoryReader() {}

  /** Reads the repository with each package's relations and all its files. */
  public static RemoteRepositoryContent readWithDetails(RepoLocation.Remote repo, HttpFiles http)
      throws IOException {
    return readWithDetails(repo, http, path -> true);
  }

  /**
   * Same, keeping only the files {@code keepFile} accepts.
   *
   * @throws java.io.FileNotFoundException when repomd.xml (or a file it names) is not there (HTTP
   *     404), the message naming the URL
   * @throws IOException on other HTTP errors, malformed metadata or a checksum mismatch
   */
  public static RemoteRepositoryContent readWithDetails(
      RepoLocation.Remote repo, HttpFiles http, Predicate<String> keepFile) throws IOException {
    RepomdIndex index = readRepomd(repo, http);
    RepomdIndex.DataFile primary = index.files().get("primary");
    RepomdIndex.DataFile filelists = index.filelists();
    // Fetched and parsed side by side: filelists on another thread, primary here.
    Background<Map<String, List<String>>> files =
        filelists == null
            ? null
            : Background.start(
                "filelists of " + repo,
                () ->
                    readVerified(
                        repo,
                        http,
                        filelists,
                        (xml, name) -> new FilelistsParser(name).parse(xml, keepFile)));
    List<PrimaryParser.Located> located;
    try {
      located =
          readVerified(
              repo, http, primary, (xml, name) -> new PrimaryParser(name, true).parseLocated(xml));
    } catch (IOException | RuntimeException e) {
      if (files != null) {
        files.abandon();
      }
      throw e;
    }
    List<RepoPackage> packages = new ArrayList<>(located.size());
    located.forEach(l -> packages.add(l.pkg()));
    if (files != null) {
      FilelistsParser.attach(packages, files.join());
    } else {
      FilelistsParser.keepPrimaryFiles(packages, keepFile);
    }
    List<RemotePackage> remote = new ArrayList<>(packages.size());
    for (int i = 0; i < packages.size(); i++) {
      PrimaryParser.Located l = located.get(i);
      remote.add(
          new RemotePackage(packages.get(i), repo.resolve(l.base(), l.href()), l.headerEnd()));
    }
    return new RemoteRepositoryContent(repo, index.revision(), primary.checksum(), remote);
  }

  /** The fingerprint {@link #readWithDetails} would report, from repomd.xml alone. */
  public static String fingerprint(RepoLocation.Remote repo, HttpFiles http) throws IOException {
    return readRepomd(repo, http).checksum();
  }

  private static RepomdIndex readRepomd(RepoLocation.Remote repo, HttpFiles http)
      throws IOException {
    URI url = repo.repomdUrl();
    try (InputStream in = http.get(url)) {
      return RepomdIndex.parse(in, HttpFiles.display(url));
    }
  }

  private interface MetadataParser<T> {
    T parse(InputStream xml, String name) throws IOException;
  }

  private static <T> T readVerified(
      RepoLocation.Remote repo, HttpFiles http, RepomdIndex.DataFile data, MetadataParser<T> parser)
      throws IOException {
    URI url = repo.resolve(data.href());
    String name = HttpFiles.display(url);
    MessageDigest digest = Checksums.digestFor(data.checksumType());
    T result;
    try (InputStream raw = http.get(url);
        DigestInputStream hashed = new DigestInputStream(raw, digest);
        InputStream xml = MetadataDecompressor.open(hashed, name)) {
      result = parser.parse(xml, name);
      hashed.transferTo(OutputStream.nullOutputStream()); // whatever the parser left unread
    }
    String actual = HexFormat.of().formatHex(digest.digest());
    if (!actual.equalsIgnoreCase(data.checksum())) {
      throw new IOException(
          name
              + " has checksum "
              + actual
              + " but "
              + HttpFiles.display(repo.repomdUrl())
              + " says "
              + data.checksum()
              + " (is the repository being updated?)");
    }
    return result;
  }
}
