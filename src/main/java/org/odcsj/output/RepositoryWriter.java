package org.odcsj.output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds one yum repository for one arch at {@code <tree>/<arch>/os}: each added RPM is placed at
 * {@code Packages/<first letter>/<file name>} and {@link #finish} writes {@code repodata/}.
 *
 * <p>Memory: only the placed file, its href and its sha256 are kept per package. {@link #finish}
 * reads each header a second time (≈0.03 s per 1,000 packages, page-cached) and streams it into
 * primary, filelists and other in a single pass, because the three files' root elements need the
 * package count first and holding every package's file list would grow with the repository (a
 * distribution has millions of files). The expensive part, hashing whole files, happens once.
 */
public final class RepositoryWriter {
  /** Packages whose headers are held at once while writing: bounds memory, keeps threads busy. */
  private static final int BATCH = 256;

  private record Placed(Path file, String href, String sha256) {}

  /** createrepo_c's order: by file name, then path; the order of adding does not matter. */
  private static final Comparator<Placed> BY_FILE_NAME =
      Comparator.comparing((Placed p) -> p.file().getFileName().toString())
          .thenComparing(Placed::href);

  private final Path osDir;
  private final PackagePlacer placer;
  private final List<Placed> placed = new ArrayList<>();
  private final Set<String> hrefs = new HashSet<>();

  public RepositoryWriter(Path osDir) {
    this.osDir = osDir;
    this.placer = new PackagePlacer(osDir);
  }

  /** Reads the RPM's header, places the file and returns what was read. */
  public RpmPackage addPackage(Path rpm) throws IOException {
    return addPackage(RpmHeaderReader.read(rpm), rpm);
  }

  /**
   * Places an RPM whose header was already read; adding the same content twice is a no-op, a
   * different file of the same name an {@link java.nio.file.FileAlreadyExistsException}.
   */
  public RpmPackage addPackage(RpmPackage pkg, Path rpm) throws IOException {
    String href = PackagePlacer.hrefFor(rpm.getFileName().toString());
    placer.place(rpm, href);
    if (hrefs.add(href)) {
      placed.add(new Placed(osDir.resolve(href), href, pkg.sha256()));
    }
    return pkg;
  }

  /**
   * Reads the headers of many RPMs in parallel (hashing dominates; createrepo_c uses threads too),
   * then places them in the given order. Returns the packages in that order.
   */
  public List<RpmPackage> addPackages(List<Path> rpms) throws IOException {
    return addPackages(rpms, java.util.Collections.nCopies(rpms.size(), null));
  }

  /**
   * Like {@link #addPackages(List)}, with the sha256 of each file when it is already known (null
   * where not): a known checksum spares reading the payload, which is most of the work.
   */
  public List<RpmPackage> addPackages(List<Path> rpms, List<String> knownSha256)
      throws IOException {
    List<Placed> toRead = new ArrayList<>(rpms.size());
    for (int i = 0; i < rpms.size(); i++) {
      toRead.add(new Placed(rpms.get(i), null, knownSha256.get(i)));
    }
    List<RpmPackage> read = readAll(toRead);
    for (int i = 0; i < rpms.size(); i++) {
      addPackage(read.get(i), rpms.get(i));
    }
    return read;
  }

  /** Where a file of this name is placed, relative to the repository ({@code Packages/h/…}). */
  public static String hrefFor(String fileName) {
    return PackagePlacer.hrefFor(fileName);
  }

  /** How many packages the repository will list. */
  public int size() {
    return placed.size();
  }

  public Path osDir() {
    return osDir;
  }

  /** Writes {@code repodata/} with createrepo_c's default revision and timestamp (now). */
  public List<RepomdRecord> finish() throws IOException {
    Instant now = Instant.now();
    return finish(Long.toString(now.getEpochSecond()), now);
  }

  public List<RepomdRecord> finish(String revision, Instant timestamp) throws IOException {
    placed.sort(BY_FILE_NAME);
    try (RepodataWriter writer = new RepodataWriter(osDir.resolve("repodata"), placed.size())) {
      // Headers are re-read a batch at a time in parallel, then written in order.
      for (int from = 0; from < placed.size(); from += BATCH) {
        List<Placed> batch = placed.subList(from, Math.min(placed.size(), from + BATCH));
        List<RpmPackage> packages = readAll(batch);
        for (int i = 0; i < batch.size(); i++) {
          writer.add(packages.get(i), batch.get(i).href());
        }
      }
      return writer.finish(revision, timestamp);
    }
  }

  private static List<RpmPackage> readAll(List<Placed> batch) throws IOException {
    try {
      return batch.parallelStream()
          .map(
              p -> {
                try {
                  return RpmHeaderReader.read(p.file(), p.sha256());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
