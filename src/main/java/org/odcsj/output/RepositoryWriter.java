package org.odcsj.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds one yum repository for one arch at {@code <tree>/<arch>/os}: each added RPM is placed at
 * {@code Packages/<first letter>/<file name>} and {@link #finish} writes {@code repodata/}.
 *
 * <p>Each package's three {@code <package>} entries (primary, filelists, other) are made when it is
 * added: rendered from its header, or — for a file that is byte-identical to what its source
 * repository's metadata describes ({@link SourceEntry}) — copied from that metadata without opening
 * more of the RPM than its signature header (createrepo_c {@code --update}'s idea; the copy differs
 * only in {@code <location>}). The entries wait in files beside the repository ({@link EntrySpill})
 * until {@link #finish} writes them, in createrepo_c's order, into the three metadata files at
 * once. Memory holds only each package's file name and the positions of its entries, whatever the
 * size of the repository or of its file lists.
 *
 * <p>Files are placed, and headers read, by many threads: cold, that is waiting for the disk, not
 * the processor.
 */
public final class RepositoryWriter {
  private static final Logger LOG = Logger.getLogger(RepositoryWriter.class.getName());

  /** Threads placing files and reading headers: they mostly wait for the disk. */
  private static final int IO_THREADS = 16;

  private static final RepodataType[] TYPES = RepodataType.values();

  /** A package in the repository and where its entries wait. */
  private static final class Placed {
    final String fileName;
    final String href;
    final long[] position = new long[TYPES.length];
    final int[] length = new int[TYPES.length];

    Placed(String fileName, String href) {
      this.fileName = fileName;
      this.href = href;
    }

    boolean complete() {
      for (int l : length) {
        if (l == 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** createrepo_c's order: by file name, then path; the order of adding does not matter. */
  private static final Comparator<Placed> BY_FILE_NAME =
      Comparator.comparing((Placed p) -> p.fileName).thenComparing(p -> p.href);

  private final Path osDir;
  private final PackagePlacer placer;
  private final List<Placed> placed = new ArrayList<>();
  private final Set<String> hrefs = new HashSet<>();
  private final ThreadLocal<PackageXml[]> renderers =
      ThreadLocal.withInitial(
          () -> Arrays.stream(TYPES).map(PackageXml::of).toArray(PackageXml[]::new));
  private EntrySpill spill;
  private int copied;
  private int rendered;

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
      Placed p = new Placed(rpm.getFileName().toString(), href);
      render(pkg, p);
      placed.add(p);
    }
    return pkg;
  }

  /**
   * Reads the headers of many RPMs (hashing each file) and places them, in parallel. Returns the
   * packages in the given order, without file lists, relations, changelogs and texts ({@link
   * RpmPackage#identityOnly()}).
   */
  public List<RpmPackage> addPackages(List<Path> rpms) throws IOException {
    return addPackages(rpms, Collections.nCopies(rpms.size(), null));
  }

  /**
   * Like {@link #addPackages(List)}, with what each file's source repository says about it ({@code
   * null} where nothing): a file that is what its {@link SourceEntry} describes is neither hashed
   * nor has its header read — its entries are copied from the source's metadata and only its sigkey
   * is read. Should an entry be missing there, or the source's metadata have changed since it was
   * read, the header is read after all. Returns identities as {@link #addPackages(List)}; those of
   * copied packages carry the source metadata's NEVRA, source RPM and checksum.
   */
  public List<RpmPackage> addPackages(List<Path> rpms, List<SourceEntry> sources)
      throws IOException {
    int n = rpms.size();
    if (sources.size() != n) {
      throw new IllegalArgumentException(n + " files, " + sources.size() + " source entries");
    }
    // Decided here, in order: which additions are new (a second file at a known href is only
    // checked to be the same).
    Placed[] added = new Placed[n];
    String[] targets = new String[n];
    for (int i = 0; i < n; i++) {
      String name = rpms.get(i).getFileName().toString();
      targets[i] = PackagePlacer.hrefFor(name);
      if (hrefs.add(targets[i])) {
        added[i] = new Placed(name, targets[i]);
      }
    }
    EntrySpill entries = spill();
    // The sources' entries are copied while the files are placed: the one wants the processor,
    // the other the disk.
    Copier copier = new Copier(entries, added, sources);
    Thread copying = new Thread(copier::run, "odcsj-repodata-copy");
    copying.setDaemon(true);
    copying.start();

    RpmPackage[] identities = new RpmPackage[n];
    boolean[] copy = new boolean[n];
    try {
      Parallel.forEach(
          n,
          IO_THREADS,
          i -> {
            Path file = rpms.get(i);
            BasicFileAttributes attributes = attributes(file, LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
              file = file.toRealPath(); // link(2) would link the symlink itself
              attributes = attributes(file);
            }
            placer.placeFile(file, targets[i]);
            SourceEntry source = sources.get(i);
            if (source != null && source.describes(attributes)) {
              copy[i] = true;
              identities[i] = source.identity(attributes, RpmHeaderReader.readSigkey(file));
            } else {
              RpmPackage pkg = RpmHeaderReader.read(file);
              identities[i] = pkg.identityOnly();
              if (added[i] != null) {
                render(pkg, added[i]);
              }
            }
          });
    } finally {
      join(copying);
    }
    copier.rethrowUnexpected();
    // Entries the sources lacked (or could not give after all): from the header, then.
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (copy[i] && added[i] != null) {
        if (copier.take(i, added[i])) {
          copied++;
        } else {
          missing.add(i);
        }
      }
    }
    Parallel.forEach(
        missing.size(),
        IO_THREADS,
        k -> {
          int i = missing.get(k);
          RpmPackage pkg = RpmHeaderReader.read(rpms.get(i), sources.get(i).sha256());
          identities[i] = pkg.identityOnly();
          render(pkg, added[i]);
        });
    for (Placed p : added) {
      if (p != null) {
        placed.add(p);
      }
    }
    return Arrays.asList(identities);
  }

  /** Where a file of this name is placed, relative to the repository ({@code Packages/h/…}). */
  public static String hrefFor(String fileName) {
    return PackagePlacer.hrefFor(fileName);
  }

  /** How many packages the repository will list. */
  public int size() {
    return placed.size();
  }

  /** Of those, how many got their entries copied from their source's metadata. */
  public int copiedFromSource() {
    return copied;
  }

  /** Of those, how many got their entries from their headers. */
  public int readFromHeaders() {
    return rendered;
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
      if (!placed.isEmpty()) {
        writer.addAll(
            (type, file) -> {
              byte[] buffer = new byte[1 << 16];
              int t = type.ordinal();
              for (Placed p : placed) {
                buffer = spill.read(type, p.position[t], p.length[t], buffer);
                file.writeEntry(buffer, 0, p.length[t]);
              }
              return placed.size();
            });
      }
      return writer.finish(revision, timestamp);
    } finally {
      if (spill != null) {
        spill.close();
        spill = null;
      }
    }
  }

  private synchronized EntrySpill spill() throws IOException {
    if (spill == null) {
      spill = new EntrySpill(osDir, ".entries-");
    }
    return spill;
  }

  private void render(RpmPackage pkg, Placed p) throws IOException {
    EntrySpill entries = spill();
    for (PackageXml r : renderers.get()) {
      r.render(pkg, p.href);
      int t = r.type().ordinal();
      p.position[t] = entries.append(r.type(), r.bytes(), 0, r.length());
      p.length[t] = r.length();
    }
    synchronized (this) {
      rendered++;
    }
  }

  private static BasicFileAttributes attributes(Path file, LinkOption... options)
      throws IOException {
    return Files.readAttributes(file, BasicFileAttributes.class, options);
  }

  private static void join(Thread thread) throws IOException {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while copying repodata entries");
    }
  }

  /**
   * Copies the entries of the wanted packages from their sources' metadata into the spill, one
   * thread per metadata type. A source whose file cannot be read, is not in a form that can be
   * copied, or changed since it was read gives no entries of that type (logged): its packages'
   * headers are read instead.
   */
  private static final class Copier {
    private final EntrySpill spill;
    private final Map<SourceRepodata, Map<String, List<Integer>>> wanted = new IdentityHashMap<>();
    private final Placed[] added;
    private final long[][] position;
    private final int[][] length;
    private volatile RuntimeException unexpected;

    Copier(EntrySpill spill, Placed[] added, List<SourceEntry> sources) {
      this.spill = spill;
      this.added = added;
      this.position = new long[TYPES.length][added.length];
      this.length = new int[TYPES.length][added.length];
      for (int i = 0; i < added.length; i++) {
        SourceEntry s = sources.get(i);
        if (s != null && added[i] != null) {
          wanted
              .computeIfAbsent(s.repodata(), r -> new HashMap<>())
              .computeIfAbsent(s.key(), k -> new ArrayList<>(1))
              .add(i);
        }
      }
    }

    void run() {
      if (wanted.isEmpty()) {
        return;
      }
      try {
        List<Parallel.Task> tasks = new ArrayList<>();
        for (RepodataType type : TYPES) {
          tasks.add(() -> wanted.forEach((source, keys) -> copy(source, keys, type)));
        }
        Parallel.all(tasks);
      } catch (IOException | RuntimeException e) {
        unexpected = e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    }

    void rethrowUnexpected() {
      if (unexpected != null) {
        throw unexpected;
      }
    }

    /** Gives package {@code i} its copied entries; false if any type lacks one. */
    boolean take(int i, Placed p) {
      for (RepodataType type : TYPES) {
        if (length[type.ordinal()][i] == 0) {
          return false;
        }
      }
      for (RepodataType type : TYPES) {
        int t = type.ordinal();
        p.position[t] = position[t][i];
        p.length[t] = length[t][i];
      }
      return true;
    }

    private void copy(SourceRepodata source, Map<String, List<Integer>> keys, RepodataType type) {
      int t = type.ordinal();
      List<Integer> found = new ArrayList<>();
      try {
        boolean present =
            source.read(
                type.type(),
                xml -> copyEntries(xml, source + " " + type.type(), type, keys, found));
        if (!present) {
          LOG.fine(() -> source + " has no " + type.type() + " metadata: headers are read");
        }
      } catch (IOException e) {
        found.forEach(i -> length[t][i] = 0);
        LOG.log(
            Level.WARNING,
            "Cannot copy entries from the "
                + type.type()
                + " metadata of "
                + source
                + ": "
                + e
                + "; the packages' headers are read instead",
            e);
      }
    }

    private void copyEntries(
        InputStream xml,
        String name,
        RepodataType type,
        Map<String, List<Integer>> keys,
        List<Integer> found)
        throws IOException {
      int t = type.ordinal();
      PackageEntryScanner scanner = new PackageEntryScanner(xml, type, name);
      for (PackageEntryScanner.Entry e; (e = scanner.next()) != null; ) {
        if (e.pkgid() == null
            || e.name() == null
            || e.arch() == null
            || (type == RepodataType.PRIMARY
                && (!"sha256".equalsIgnoreCase(e.checksumType()) || e.locationStart() < 0))) {
          continue;
        }
        List<Integer> targets = keys.get(SourceEntry.key(e.pkgid(), e.name(), e.arch()));
        if (targets == null) {
          continue;
        }
        for (int i : targets) {
          if (length[t][i] != 0) {
            continue; // the source lists it twice: the first one is as good
          }
          EntrySpill.Piece[] pieces = pieces(type, e, added[i].href);
          int total = 0;
          for (EntrySpill.Piece piece : pieces) {
            total += piece.length();
          }
          position[t][i] = spill.append(type, pieces);
          length[t][i] = total;
          found.add(i);
        }
      }
    }

    /** The entry with its location rewritten to {@code href}, then a newline. */
    private static EntrySpill.Piece[] pieces(
        RepodataType type, PackageEntryScanner.Entry e, String href) {
      byte[] b = e.bytes();
      int o = e.offset();
      if (type != RepodataType.PRIMARY) {
        return new EntrySpill.Piece[] {
          new EntrySpill.Piece(b, o, e.length()), new EntrySpill.Piece(NEWLINE, 0, 1)
        };
      }
      byte[] location =
          ("<location href=\"" + escapeAttribute(href) + (e.locationEmpty() ? "\"/>" : "\">"))
              .getBytes(StandardCharsets.UTF_8);
      return new EntrySpill.Piece[] {
        new EntrySpill.Piece(b, o, e.locationStart()),
        new EntrySpill.Piece(location, 0, location.length),
        new EntrySpill.Piece(b, o + e.locationEnd(), e.length() - e.locationEnd()),
        new EntrySpill.Piece(NEWLINE, 0, 1)
      };
    }

    private static final byte[] NEWLINE = {'\n'};

    private static String escapeAttribute(String s) {
      return XmlText.clean(s)
          .replace("&", "&amp;")
          .replace("<", "&lt;")
          .replace(">", "&gt;")
          .replace("\"", "&quot;");
    }
  }
}
