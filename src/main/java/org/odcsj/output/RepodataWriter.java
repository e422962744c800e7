package org.odcsj.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.odcsj.parallel.Parallel;
import org.odcsj.rpm.RpmPackage;

/**
 * Writes a {@code repodata/} directory — primary, filelists and other (sha256, gzip, named {@code
 * <sha256>-<type>.xml.gz}) and repomd.xml — streaming: each {@link #add} writes the package to all
 * three files at once and keeps nothing of it, so memory does not grow with the repository. {@link
 * RepositoryWriter} feeds ready entries instead, each file from a thread of its own.
 *
 * <p>The files are written into a sibling {@code .repodata} and renamed into place by {@link
 * #finish}, so a reader never sees a half-written repodata directory. Closing an unfinished writer
 * removes what it wrote.
 *
 * <pre>
 * try (RepodataWriter w = new RepodataWriter(osDir.resolve("repodata"), packages.size())) {
 *   for (var p : packages) w.add(p, "Packages/h/" + p.canonicalFileName());
 *   w.finish();
 * }
 * </pre>
 */
public final class RepodataWriter implements Closeable {
  private final Path repodata;
  private final Path staging;
  private final int expected;
  private final MetadataXmlFile[] files = new MetadataXmlFile[RepodataType.values().length];
  private final java.util.List<ExtraMetadataFile> extraFiles = new java.util.ArrayList<>();
  private PackageXml[] renderers;
  private int written;
  private boolean done;

  /** {@code packageCount} goes in each file's root element, before the packages; it must match. */
  public RepodataWriter(Path repodataDir, int packageCount) throws IOException {
    this.repodata = repodataDir;
    this.staging = repodataDir.resolveSibling("." + repodataDir.getFileName());
    this.expected = packageCount;
    deleteTree(staging); // left over from an interrupted run
    Files.createDirectories(staging);
    try {
      for (RepodataType t : RepodataType.values()) {
        files[t.ordinal()] = new MetadataXmlFile(staging, t, packageCount);
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Adds one package; {@code locationHref} is its path relative to the repository root. */
  public void add(RpmPackage pkg, String locationHref) throws IOException {
    if (written == expected) {
      throw new IllegalStateException("more packages than the " + expected + " announced");
    }
    if (renderers == null) {
      renderers = new PackageXml[files.length];
      for (RepodataType t : RepodataType.values()) {
        renderers[t.ordinal()] = PackageXml.of(t);
      }
    }
    for (PackageXml r : renderers) {
      r.render(pkg, locationHref);
      files[r.type().ordinal()].writeEntry(r.bytes(), 0, r.length());
    }
    written++;
  }

  /** Writes all entries of one metadata file, the same packages in the same order for each. */
  @FunctionalInterface
  interface EntryWriter {
    /** Writes every package's entry of {@code type} into {@code file}; returns how many. */
    int writeAll(RepodataType type, MetadataXmlFile file) throws IOException;
  }

  /**
   * Writes the packages' entries the way {@link #add} would, each file by a thread of its own (the
   * compression of the three files then runs side by side).
   */
  void addAll(EntryWriter entries) throws IOException {
    int[] counts = new int[files.length];
    List<Parallel.Task> tasks = new java.util.ArrayList<>();
    for (RepodataType t : RepodataType.values()) {
      tasks.add(() -> counts[t.ordinal()] = entries.writeAll(t, files[t.ordinal()]));
    }
    Parallel.all("repodata-writer", tasks);
    for (int c : counts) {
      if (c != counts[0]) {
        throw new IllegalStateException("the metadata files got different package counts");
      }
    }
    if (written + counts[0] > expected) {
      throw new IllegalStateException("more packages than the " + expected + " announced");
    }
    written += counts[0];
  }

  /** Finishes with createrepo_c's defaults: now as timestamp, its epoch seconds as revision. */
  /** A metadata file repomd.xml lists after the package metadata (e.g. {@code modules}). */
  public void addMetadataFile(ExtraMetadataFile file) {
    extraFiles.add(file);
  }

  public List<RepomdRecord> finish() throws IOException {
    Instant now = Instant.now();
    return finish(Long.toString(now.getEpochSecond()), now);
  }

  /** Finishes the three files, writes repomd.xml and moves the directory into place. */
  public List<RepomdRecord> finish(String revision, Instant timestamp) throws IOException {
    if (written != expected) {
      throw new IllegalStateException(written + " packages added, " + expected + " announced");
    }
    List<RepomdRecord> records = new java.util.ArrayList<>();
    for (MetadataXmlFile f : files) {
      records.add(f.finish());
    }
    for (ExtraMetadataFile extra : extraFiles) {
      records.add(extra.writeInto(staging));
    }
    RepomdXml.write(staging.resolve("repomd.xml"), revision, timestamp.getEpochSecond(), records);
    Path old = repodata.resolveSibling("." + repodata.getFileName() + ".old");
    if (Files.exists(repodata)) {
      deleteTree(old);
      Files.move(repodata, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, repodata, StandardCopyOption.ATOMIC_MOVE);
    deleteTree(old);
    done = true;
    return records;
  }

  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      try {
        for (MetadataXmlFile f : files) {
          if (f != null) {
            f.close(); // abandons the unfinished file
          }
        }
      } finally {
        deleteTree(staging);
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
