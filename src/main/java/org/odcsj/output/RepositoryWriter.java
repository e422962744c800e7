package org.odcsj.output;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.odcsj.parallel.Parallel;
import org.odcsj.rpm.RpmHeaderReader;
import org.odcsj.rpm.RpmPackage;

/**
 * Builds one yum repository for one arch at {@code <tree>/<arch>/os}: each added RPM is placed at
 * {@code Packages/<first letter>/<file name>} and {@link #finish} writes {@code repodata/}.
 *
 * <p>Each package's three {@code <package>} entries (primary, filelists, other) are made when it is
 * added: rendered from its header, or — for a file that is byte-identical to what its source
 * repository's metadata describes ({@link SourceEntry}) — copied from that metadata without opening
 * more of the RPM than its signature header (createrepo_c {@code --update}'s idea; the copy differs
 * only in {@code <location>}). The entries wait in files beside the repository ({@link EntrySpill})
 * and are written, in createrepo_c's order, into the three metadata files by three threads, which
 * start with {@link #addPackages(List, List)} and follow the packages as they are placed: when that
 * was the last addition, {@link #finish} has little left to do. Memory holds only each package's
 * file name and the positions of its entries, whatever the size of the repository or of its file
 * lists.
 *
 * <p>Files are placed, and signature headers read, by many threads: cold, that is waiting for the
 * disk, not the processor. Placing a file links it (a copy only across file systems).
 */
public final class RepositoryWriter implements Closeable {
  private static final Logger LOG = Logger.getLogger(RepositoryWriter.class.getName());

  /** Threads placing files and reading headers: they mostly wait for the disk. */
  private static final int IO_THREADS = 16;

  /** Threads linking files into place, beside them. */
  private static final int LINK_THREADS = 4;

  private static final RepodataType[] TYPES = RepodataType.values();
  private static final int UNDECIDED = 0;
  private static final int COPY = 1;
  private static final int READ = 2;

  /**
   * A package in the repository and where its entries wait. Its entries are rendered from the
   * header ({@link #rendered} once all three are), or copied from the source ({@link #decision}
   * {@code COPY}): an entry of one type is usable once its {@link #copier} has copied (and
   * verified) that type; one the source lacked is rendered from the header after all.
   */
  private static final class Placed {
    final String fileName;
    final String href;
    final long[] position = new long[TYPES.length];
    final int[] length = new int[TYPES.length];
    final long[] copiedPosition = new long[TYPES.length];
    final int[] copiedLength = new int[TYPES.length];
    volatile boolean rendered;
    volatile int decision = UNDECIDED;
    volatile Copier copier;

    Placed(String fileName, String href) {
      this.fileName = fileName;
      this.href = href;
    }

    boolean hasAllCopies() {
      for (int l : copiedLength) {
        if (l == 0) {
          return false;
        }
      }
      return true;
    }

    /** Whether its entry of type {@code t} can be written. */
    boolean ready(int t) {
      return switch (decision) {
        case READ -> rendered;
        case COPY -> copier.copied(t) && (copiedLength[t] != 0 || rendered);
        default -> false;
      };
    }

    /** Whether its entry of type {@code t} is the copy (else the rendered one). */
    boolean usesCopy(int t) {
      return decision == COPY && copiedLength[t] != 0;
    }
  }

  /** createrepo_c's order: by file name, then path; the order of adding does not matter. */
  private static final Comparator<Placed> BY_FILE_NAME =
      Comparator.comparing((Placed p) -> p.fileName).thenComparing(p -> p.href);

  private final Path osDir;
  private final List<ExtraMetadataFile> extraFiles = new java.util.ArrayList<>();
  private final PackagePlacer placer;
  private final List<Placed> placed = new ArrayList<>();
  private final Set<String> hrefs = new HashSet<>();
  private final ThreadLocal<PackageXml[]> renderers =
      ThreadLocal.withInitial(
          () -> Arrays.stream(TYPES).map(PackageXml::of).toArray(PackageXml[]::new));

  private final AtomicInteger copied = new AtomicInteger();
  private final AtomicInteger rendered = new AtomicInteger();
  private final AtomicInteger known = new AtomicInteger();
  private EntrySpill spill;
  private Writing writing;

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
      stopWriting(); // the package count changes
      Placed p = new Placed(rpm.getFileName().toString(), href);
      p.decision = READ;
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
    if (n == 0) {
      return List.of();
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
        placed.add(added[i]);
      }
    }
    // Files are placed in the repository's order, so that the writers can follow.
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing((Integer i) -> rpms.get(i).getFileName().toString()));

    EntrySpill entries = spill();
    RpmPackage[] identities = new RpmPackage[n];
    // The sources' entries are copied while the files are placed (the one wants the processor,
    // the other the disk), and the metadata files written as both go.
    Copier copier = new Copier(entries, added, sources);
    Thread copying = new Thread(copier::run, "odcsj-repodata-copy");
    copying.setDaemon(true);
    stopWriting();
    copying.start();
    try {
      writing = new Writing();
      try {
        // Linking takes the target directory's lock: a few threads link while the others read,
        // rather than readers queueing for the lock.
        Parallel.Task placing =
            () ->
                Parallel.forEach(
                    "repository-placing",
                    n,
                    LINK_THREADS,
                    k -> placer.placeFile(real(rpms.get(order[k])), targets[order[k]]));
        Parallel.Task reading =
            () ->
                Parallel.forEach(
                    "repository-reading",
                    n,
                    IO_THREADS,
                    k -> {
                      int i = order[k];
                      Path file = rpms.get(i);
                      BasicFileAttributes attributes = attributes(file, LinkOption.NOFOLLOW_LINKS);
                      if (attributes.isSymbolicLink()) {
                        file = file.toRealPath();
                        attributes = attributes(file);
                      }
                      SourceEntry source = sources.get(i);
                      boolean trusted = source != null && source.describes(attributes);
                      boolean copy = trusted && source.repodata() != null;
                      if (copy && added[i] != null) {
                        copier.decideCopy(added[i]);
                      }
                      if (copy) {
                        identities[i] =
                            source.identity(attributes, RpmHeaderReader.readSigkey(file));
                      } else {
                        RpmPackage pkg;
                        if (trusted && source.known() != null) {
                          pkg = source.known();
                          known.incrementAndGet();
                        } else {
                          pkg = RpmHeaderReader.read(file, trusted ? source.sha256() : null);
                        }
                        identities[i] = pkg.identityOnly();
                        if (added[i] != null) {
                          added[i].decision = READ;
                          render(pkg, added[i]);
                        }
                      }
                    });
        Parallel.all("repository-writer", List.of(placing, reading));
      } finally {
        join(copying);
      }
      copier.rethrowUnexpected();
      // Entries the sources lacked (or could not give after all): from the header, then.
      List<Integer> missing = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Placed p = added[i];
        if (p != null && p.decision == COPY) {
          if (p.hasAllCopies()) {
            copied.incrementAndGet();
          } else {
            missing.add(i);
          }
        }
      }
      Parallel.forEach(
          "repository-reading",
          missing.size(),
          IO_THREADS,
          k -> {
            int i = missing.get(k);
            RpmPackage pkg = RpmHeaderReader.read(rpms.get(i), sources.get(i).sha256());
            identities[i] = pkg.identityOnly();
            render(pkg, added[i]);
          });
    } catch (IOException | RuntimeException | Error e) {
      stopWriting();
      // What this call added is not listed: the repository stays as it was before the call.
      for (Placed p : added) {
        if (p != null) {
          placed.remove(p);
          hrefs.remove(p.href);
        }
      }
      throw e;
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
    return copied.get();
  }

  /** Of those, how many got their entries from their headers. */
  public int readFromHeaders() {
    return rendered.get() - known.get();
  }

  /** Of those, how many got their entries from metadata their source had read before. */
  public int fromKnownMetadata() {
    return known.get();
  }

  public Path osDir() {
    return osDir;
  }

  /** A metadata file repomd.xml lists beside the package metadata (e.g. {@code modules}). */
  public void addMetadataFile(ExtraMetadataFile file) {
    extraFiles.add(file);
  }

  /** Writes {@code repodata/} with createrepo_c's default revision and timestamp (now). */
  public List<RepomdRecord> finish() throws IOException {
    Instant now = Instant.now();
    return finish(Long.toString(now.getEpochSecond()), now);
  }

  public List<RepomdRecord> finish(String revision, Instant timestamp) throws IOException {
    try {
      if (writing == null) {
        writing = new Writing();
      }
      return writing.finish(revision, timestamp);
    } finally {
      writing = null;
      if (spill != null) {
        spill.close();
        spill = null;
      }
    }
  }

  /**
   * Abandons an unfinished repository: stops writing its metadata and removes the entries waiting
   * beside it (the placed files stay). Nothing to do after {@link #finish}.
   */
  @Override
  public void close() throws IOException {
    try {
      stopWriting();
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

  /** Renders the package's three entries into the spill; the package is then ready. */
  private void render(RpmPackage pkg, Placed p) throws IOException {
    EntrySpill entries = spill();
    for (PackageXml r : renderers.get()) {
      r.render(pkg, p.href);
      int t = r.type().ordinal();
      p.position[t] = entries.append(r.type(), r.bytes(), 0, r.length());
      p.length[t] = r.length();
    }
    p.rendered = true;
    rendered.incrementAndGet();
  }

  private void stopWriting() throws IOException {
    if (writing != null) {
      Writing w = writing;
      writing = null;
      w.abandon();
    }
  }

  /** The file itself where {@code file} is a symbolic link: link(2) would link the symlink. */
  private static Path real(Path file) throws IOException {
    return Files.isSymbolicLink(file) ? file.toRealPath() : file;
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
      throw new InterruptedIOException("interrupted while copying repodata entries");
    }
  }

  /**
   * The three metadata files being written, each by a thread of its own, in the repository's order,
   * waiting for each package's entries to be ready. Covers the packages placed when it started;
   * another addition abandons it.
   */
  private final class Writing {
    private final List<Placed> order;
    private final RepodataWriter writer;
    private final Thread thread;
    private volatile boolean abandoned;
    private volatile Throwable failure;

    Writing() throws IOException {
      this.order = new ArrayList<>(placed);
      order.sort(BY_FILE_NAME);
      this.writer = new RepodataWriter(osDir.resolve("repodata"), order.size());
      EntrySpill entries = order.isEmpty() ? null : spill();
      this.thread =
          new Thread(
              () -> {
                try {
                  if (!order.isEmpty()) {
                    writer.addAll((type, file) -> writeAll(entries, type, file));
                  }
                } catch (Throwable t) {
                  failure = t;
                }
              },
              "odcsj-repodata-write");
      thread.setDaemon(true);
      thread.start();
    }

    private int writeAll(EntrySpill entries, RepodataType type, MetadataXmlFile file)
        throws IOException {
      byte[] buffer = new byte[1 << 16];
      int t = type.ordinal();
      for (Placed p : order) {
        await(p, t);
        boolean copy = p.usesCopy(t);
        long position = copy ? p.copiedPosition[t] : p.position[t];
        int length = copy ? p.copiedLength[t] : p.length[t];
        buffer = entries.read(type, position, length, buffer);
        file.writeEntry(buffer, 0, length);
      }
      return order.size();
    }

    /**
     * Waits for the package's entry, looking again every millisecond: being woken per package by
     * the placing threads would cost a switch per package; this way a writer that caught up finds a
     * batch ready when it looks again.
     */
    private void await(Placed p, int t) throws IOException {
      while (!p.ready(t)) {
        if (abandoned) {
          throw new InterruptedIOException("repodata writing abandoned");
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while writing repodata");
        }
      }
    }

    List<RepomdRecord> finish(String revision, Instant timestamp) throws IOException {
      try (writer) {
        join(thread);
        if (failure instanceof IOException e) {
          throw e;
        } else if (failure instanceof RuntimeException e) {
          throw e;
        } else if (failure instanceof Error e) {
          throw e;
        } else if (failure != null) {
          throw new IOException(failure);
        }
        extraFiles.forEach(writer::addMetadataFile);
        return writer.finish(revision, timestamp);
      }
    }

    void abandon() throws IOException {
      abandoned = true;
      try (writer) {
        join(thread);
      }
    }
  }

  /**
   * Copies the entries of the wanted packages from their sources' metadata into the spill, one
   * thread per metadata type. A source whose file cannot be read, is not in a form that can be
   * copied, or changed since it was read gives no entries of that type (logged): its packages'
   * headers are read instead. The entries of a type are used only once that type is copied from
   * every source, each file checked against its repomd.xml checksum.
   */
  private final class Copier {
    private final EntrySpill spill;
    private final Map<SourceRepodata, Map<String, List<Integer>>> wanted = new IdentityHashMap<>();
    private final Placed[] added;
    private volatile int copiedTypes;
    private volatile RuntimeException unexpected;

    Copier(EntrySpill spill, Placed[] added, List<SourceEntry> sources) {
      this.spill = spill;
      this.added = added;
      for (int i = 0; i < added.length; i++) {
        SourceEntry s = sources.get(i);
        if (s != null && s.repodata() != null && added[i] != null) {
          wanted
              .computeIfAbsent(s.repodata(), r -> new HashMap<>())
              .computeIfAbsent(s.key(), k -> new ArrayList<>(1))
              .add(i);
        }
      }
    }

    void run() {
      List<Parallel.Task> tasks = new ArrayList<>();
      for (RepodataType type : TYPES) {
        int t = type.ordinal();
        tasks.add(
            () -> {
              boolean completed = false;
              try {
                wanted.forEach((source, keys) -> copy(source, keys, type));
                completed = true;
              } finally {
                if (!completed) { // nothing of an interrupted copy is used
                  for (Placed p : added) {
                    if (p != null) {
                      p.copiedLength[t] = 0;
                    }
                  }
                }
                typeCopied(t);
              }
            });
      }
      try {
        Parallel.all("repodata-copy", tasks);
      } catch (Throwable e) {
        unexpected = e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    }

    private synchronized void typeCopied(int t) {
      copiedTypes |= 1 << t;
    }

    /** Whether the entries of type {@code t} are all copied (and may be used). */
    boolean copied(int t) {
      return (copiedTypes & (1 << t)) != 0;
    }

    /** The file is what its source describes: its copied entries are to be used. */
    void decideCopy(Placed p) {
      p.copier = this;
      p.decision = COPY;
    }

    void rethrowUnexpected() {
      if (unexpected != null) {
        throw unexpected;
      }
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
      } catch (IOException | RuntimeException e) {
        found.forEach(i -> added[i].copiedLength[t] = 0);
        if (e instanceof RuntimeException r) {
          unexpected = r;
        }
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
          Placed p = added[i];
          if (p.copiedLength[t] != 0) {
            continue; // the source lists it twice: the first one is as good
          }
          EntrySpill.Piece[] pieces = pieces(type, e, p.href);
          int total = 0;
          for (EntrySpill.Piece piece : pieces) {
            total += piece.length();
          }
          p.copiedPosition[t] = spill.append(type, pieces);
          p.copiedLength[t] = total;
          found.add(i);
        }
      }
    }
  }

  private static final byte[] NEWLINE = {'\n'};

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

  private static String escapeAttribute(String s) {
    return XmlText.clean(s)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
