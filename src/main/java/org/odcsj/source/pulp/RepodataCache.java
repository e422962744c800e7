package org.odcsj.source.pulp;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.odcsj.fetch.HttpFiles;

/**
 * Downloaded repodata of Pulp repositories, kept under {@code <target dir>/pulp_repo_cache/<URL
 * path>/<repomd.xml's sha256>/repodata/}: repomd.xml is fetched for every compose, the metadata
 * files only when it changed. A version is downloaded into a directory of its own and moved into
 * place complete, never changed afterwards, so composes running at once (in one server or several)
 * share it without locks; versions unused for a day, and downloads a crash left behind, are
 * removed.
 */
final class RepodataCache {
  static final String DIR = "pulp_repo_cache";

  /** repomd.xml larger than this is refused. */
  static final int MAX_REPOMD = 8 << 20;

  private static final Duration KEEP_OLD = Duration.ofDays(1);
  private static final java.util.Set<String> WANTED =
      java.util.Set.of("primary", "filelists", "other");

  private final Path root;
  private final HttpFiles http;

  RepodataCache(Path targetDir, HttpFiles http) {
    this.root = targetDir.resolve(DIR).toAbsolutePath().normalize();
    this.http = http;
  }

  /** The local copy of the repository at {@code url} (its directory holds {@code repodata/}). */
  Path fetch(String url) throws IOException {
    String base = url.replaceAll("/+$", "") + "/";
    Path dir = dirOf(base);
    byte[] repomd;
    try (InputStream in = http.get(URI.create(base + "repodata/repomd.xml"))) {
      repomd = in.readNBytes(MAX_REPOMD + 1);
    }
    if (repomd.length > MAX_REPOMD) {
      throw new IOException(base + "repodata/repomd.xml exceeds " + (MAX_REPOMD >> 20) + " MiB");
    }
    Path version = dir.resolve(sha256(repomd).substring(0, 32));
    if (Files.isRegularFile(version.resolve("repodata").resolve("repomd.xml"))) {
      touch(version);
      return version;
    }
    Files.createDirectories(dir);
    Path temp = Files.createTempDirectory(dir, ".download-");
    try {
      Path repodata = Files.createDirectories(temp.resolve("repodata"));
      for (String href : dataHrefs(repomd, base)) {
        Path file = temp.resolve(href).normalize();
        if (!file.startsWith(repodata)) {
          throw new IOException(
              base + "repodata/repomd.xml names a file outside repodata: " + href);
        }
        try (InputStream in = http.get(URI.create(base + href))) {
          Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
      Files.write(repodata.resolve("repomd.xml"), repomd);
      try {
        Files.move(temp, version, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException e) {
        // Another compose moved the same version in meanwhile (rename: "Directory not empty"):
        // theirs is complete, as good as ours.
        if (!Files.isRegularFile(version.resolve("repodata").resolve("repomd.xml"))) {
          throw e;
        }
      }
    } finally {
      deleteTree(temp);
    }
    removeOldVersions(dir, version);
    return version;
  }

  /** {@code <root>/<URL path>}, refused when the URL's path would leave the cache. */
  Path dirOf(String url) throws IOException {
    String path = URI.create(url).getPath();
    if (path == null) {
      throw new IOException("Not a repository URL: " + url);
    }
    String rel = path.replaceAll("^/+", "").replaceAll("/+$", "");
    if (rel.isEmpty() || rel.contains("..") || rel.contains("\\") || rel.startsWith(".")) {
      throw new IOException("Not a cacheable repository path: " + url);
    }
    Path dir = root.resolve(rel).normalize();
    if (!dir.startsWith(root) || dir.equals(root)) {
      throw new IOException("Not a cacheable repository path: " + url);
    }
    return dir;
  }

  /**
   * The primary, filelists and other files repomd.xml names (relative to the repository), read with
   * StAX, DTDs refused.
   */
  static List<String> dataHrefs(byte[] repomd, String url) throws IOException {
    List<String> hrefs = new java.util.ArrayList<>();
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    try {
      XMLStreamReader r = factory.createXMLStreamReader(new java.io.ByteArrayInputStream(repomd));
      String type = null;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.DTD) {
          throw new IOException(url + "repodata/repomd.xml has a DTD");
        }
        if (event == XMLStreamConstants.START_ELEMENT) {
          if ("data".equals(r.getLocalName())) {
            type = r.getAttributeValue(null, "type");
          } else if ("location".equals(r.getLocalName()) && type != null && WANTED.contains(type)) {
            hrefs.add(r.getAttributeValue(null, "href"));
          }
        } else if (event == XMLStreamConstants.END_ELEMENT && "data".equals(r.getLocalName())) {
          type = null;
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw new IOException(url + "repodata/repomd.xml is malformed: " + e.getMessage(), e);
    }
    if (hrefs.isEmpty() || hrefs.contains(null)) {
      throw new IOException(url + "repodata/repomd.xml lists no primary metadata");
    }
    return hrefs;
  }

  private static void removeOldVersions(Path dir, Path current) {
    Instant before = Instant.now().minus(KEEP_OLD);
    try (Stream<Path> versions = Files.list(dir)) {
      for (Path v : versions.toList()) {
        if (!v.equals(current)
            && Files.isDirectory(v)
            && Files.getLastModifiedTime(v).toInstant().isBefore(before)) {
          deleteTree(v);
        }
      }
    } catch (IOException e) {
      // a leftover costs disk space only; the next compose tries again
    }
  }

  private static void touch(Path dir) {
    try {
      Files.setLastModifiedTime(dir, java.nio.file.attribute.FileTime.from(Instant.now()));
    } catch (IOException e) {
      // only delays its removal
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
