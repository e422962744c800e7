package org.odcsj.source.koji;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.odcsj.fetch.HttpFiles;

/**
 * Finds the copy of an RPM to put in a compose: the one signed with the first of the requested
 * sigkeys that has a copy ({@code ""} stands for the copy as imported, unsigned). From a mounted
 * topdir the file is used where it is (the caller hard-links or copies it, as for {@code repo});
 * from a topurl it is downloaded into the given directory under a temporary name, checked against
 * Koji's payloadhash, and only then renamed into place.
 */
public final class KojiPackageFiles {
  private final KojiTopdir topdir;
  private final HttpFiles http;

  public KojiPackageFiles(KojiTopdir topdir, HttpFiles http) {
    this.topdir = topdir;
    this.http = http;
  }

  /**
   * The first copy found in the order of {@code sigkeys} (compared lowercase); an empty list means
   * the unsigned copy. Empty when no requested copy exists.
   *
   * @throws IOException when a download fails or does not match the payloadhash
   */
  public Optional<KojiPackageFile> find(
      KojiBuild build, KojiRpm rpm, List<String> sigkeys, Path downloadDir) throws IOException {
    List<String> wanted = sigkeys.isEmpty() ? List.of("") : sigkeys;
    for (String sigkey : wanted) {
      String key = sigkey == null ? "" : sigkey.toLowerCase(Locale.ROOT);
      String relative = KojiTopdir.rpmPath(build, rpm, key);
      Optional<Path> file =
          topdir.isMounted() ? mounted(relative) : download(topdir.url(relative), rpm, downloadDir);
      if (file.isPresent()) {
        return Optional.of(new KojiPackageFile(file.get(), key));
      }
    }
    return Optional.empty();
  }

  private Optional<Path> mounted(String relative) {
    Path file = topdir.file(relative);
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  private Optional<Path> download(URI url, KojiRpm rpm, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(rpm.nvra() + ".rpm");
    Path partial = Files.createTempFile(dir, rpm.nvra(), ".part");
    try {
      try (InputStream in = http.get(url)) {
        Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
      } catch (FileNotFoundException e) {
        return Optional.empty(); // no copy with this key: Koji writes signed copies on request
      }
      PayloadHash.verify(partial, rpm.payloadhash(), HttpFiles.display(url));
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
      return Optional.of(target);
    } finally {
      Files.deleteIfExists(partial);
    }
  }
}
