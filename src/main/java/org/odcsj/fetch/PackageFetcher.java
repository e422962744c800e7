package org.odcsj.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.odcsj.rpm.RpmHeaderBytes;
import org.odcsj.rpm.RpmHeaderReader;
import org.odcsj.selection.Candidate;

/**
 * Gets the RPMs of selected candidates onto the local disk: a remote candidate (location {@code
 * http(s)://…}) is downloaded once into the given directory — to a temporary name, its size and
 * checksum checked against primary, then renamed — with at most {@code parallelism} downloads at a
 * time; a local candidate is returned as it is. Also reads a remote package's sigkey from its
 * header alone (one HTTP Range request), or from the download when there already is one.
 *
 * <p>One fetcher serves a whole compose: the candidates it made ({@link RepoCandidates#of(
 * RemoteRepositoryContent, PackageFetcher)}) read their sigkeys through it, and it remembers what
 * it downloaded. Thread-safe.
 *
 * <pre>
 * PackageFetcher fetcher = new PackageFetcher();
 * List&lt;Candidate&gt; candidates = YumRepositories.read(location, fetcher).candidates();
 * Selection selection = Selector.select(candidates, request);
 * List&lt;Path&gt; rpms = fetcher.materialize(selected, tree.staging().resolve("downloads"));
 * </pre>
 */
public final class PackageFetcher {
  public static final int DEFAULT_PARALLELISM = 4;

  private static final AtomicInteger THREADS = new AtomicInteger();

  private final HttpFiles http;
  private final int parallelism;

  /** Location (without credentials) → URL with them, for the candidates that need them. */
  private final Map<String, URI> urls = new ConcurrentHashMap<>();

  /** (download dir, location) → the download, running or done; failed ones are removed. */
  private final Map<String, CompletableFuture<Path>> downloads = new ConcurrentHashMap<>();

  /** Location → a verified local copy, for reading sigkeys without fetching again. */
  private final Map<String, Path> downloaded = new ConcurrentHashMap<>();

  /** Target file → the location it holds, so two packages with the same file name both fit. */
  private final Map<Path, String> claimed = new ConcurrentHashMap<>();

  /** Default HTTP settings, {@value #DEFAULT_PARALLELISM} downloads at a time. */
  public PackageFetcher() {
    this(new HttpFiles(), DEFAULT_PARALLELISM);
  }

  public PackageFetcher(HttpFiles http, int parallelism) {
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, not " + parallelism);
    }
    this.http = java.util.Objects.requireNonNull(http, "http");
    this.parallelism = parallelism;
  }

  public HttpFiles http() {
    return http;
  }

  /** Whether a candidate's location is a URL this fetcher downloads (http or https). */
  public static boolean isRemote(String location) {
    String l = location.toLowerCase(Locale.ROOT);
    return l.startsWith("http://") || l.startsWith("https://");
  }

  /**
   * The local files of {@code selected}, in its order: a local candidate's own path, a remote one's
   * download in {@code downloadDir} (created if needed; put it on the compose staging area's file
   * system, so the files can be hard-linked or moved from there). Each URL is fetched at most once
   * per directory, also across calls, and a verified file left in the directory by an earlier run
   * is reused. On the first failure the other downloads are cancelled and no partial file is left.
   *
   * @throws IOException naming the package and URL: HTTP errors, a size or checksum other than
   *     primary's
   */
  public List<Path> materialize(Collection<Candidate> selected, Path downloadDir)
      throws IOException {
    List<Candidate> list = List.copyOf(selected);
    Path dir = downloadDir.toAbsolutePath().normalize();
    Map<String, CompletableFuture<Path>> wanted = new LinkedHashMap<>();
    Map<String, CompletableFuture<Path>> mine = new LinkedHashMap<>(); // key → download we start
    List<Runnable> tasks = new ArrayList<>();
    for (Candidate c : list) {
      String location = c.location();
      if (!isRemote(location) || wanted.containsKey(location)) {
        continue;
      }
      String key = dir + "\0" + location;
      CompletableFuture<Path> f = downloads.get(key);
      if (f != null && f.isDone() && !f.isCompletedExceptionally() && !exists(f.join())) {
        downloads.remove(key, f); // someone deleted it since
        f = null;
      }
      if (f == null) {
        CompletableFuture<Path> created = new CompletableFuture<>();
        f = downloads.putIfAbsent(key, created);
        if (f == null) {
          f = created;
          mine.put(key, created);
          tasks.add(() -> run(c, dir, key, created));
        }
      }
      wanted.put(location, f);
    }
    if (!wanted.isEmpty()) {
      Files.createDirectories(dir);
      await(wanted.values(), tasks, mine);
    }
    List<Path> paths = new ArrayList<>(list.size());
    for (Candidate c : list) {
      CompletableFuture<Path> f = wanted.get(c.location());
      paths.add(f == null ? Path.of(c.location()) : f.join());
    }
    return paths;
  }

  /**
   * The sigkey of the package at {@code location} (a remote candidate's location), from a download
   * of it if there is one, else from its headers alone: bytes {@code 0..headerEnd-1} in one Range
   * request ({@code headerEnd} from primary's {@code rpm:header-range}; when 0, the file is
   * streamed until the headers end and the connection then dropped).
   */
  public String readSigkey(String location, long headerEnd) throws IOException {
    Path local = downloaded.get(location);
    if (local != null && exists(local)) {
      return RpmHeaderReader.readSigkey(local);
    }
    URI url = urlOf(location);
    byte[] headers;
    try (InputStream in = headerEnd > 0 ? http.getRange(url, 0, headerEnd - 1) : http.get(url)) {
      headers = RpmHeaderBytes.read(in, location);
    }
    Path tmp = Files.createTempFile("odcsj-rpm-header-", ".rpm");
    try {
      Files.write(tmp, headers);
      return RpmHeaderReader.readSigkey(tmp);
    } catch (IOException e) {
      throw new IOException(
          "Cannot read the signature of "
              + location
              + ": "
              + String.valueOf(e.getMessage()).replace(tmp.toString(), location),
          e);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Remembers the URL (with credentials) behind a remote package's credential-free location. */
  public void register(String location, URI url) {
    if (url.getRawUserInfo() != null) {
      urls.put(location, url);
    }
  }

  private URI urlOf(String location) {
    URI url = urls.get(location);
    return url != null ? url : URI.create(location);
  }

  private void await(
      Collection<CompletableFuture<Path>> wanted,
      List<Runnable> tasks,
      Map<String, CompletableFuture<Path>> mine)
      throws IOException {
    ExecutorService pool =
        tasks.isEmpty()
            ? null
            : Executors.newFixedThreadPool(Math.min(parallelism, tasks.size()), daemonThreads());
    try {
      if (pool != null) {
        tasks.forEach(pool::execute);
      }
      CompletableFuture<Void> firstFailure = new CompletableFuture<>();
      wanted.forEach(
          f ->
              f.whenComplete(
                  (path, failure) -> {
                    if (failure != null) {
                      firstFailure.completeExceptionally(failure);
                    }
                  }));
      CompletableFuture<Void> all =
          CompletableFuture.allOf(wanted.toArray(CompletableFuture[]::new));
      CompletableFuture.anyOf(all, firstFailure).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      cancel(pool, mine);
      throw new InterruptedIOException("interrupted while downloading packages");
    } catch (ExecutionException e) {
      cancel(pool, mine);
      Throwable cause = e.getCause();
      while (cause instanceof java.util.concurrent.CompletionException
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IOException(cause.getMessage(), cause);
    } finally {
      if (pool != null) {
        pool.shutdown();
      }
    }
  }

  /** Stops the downloads this call started; their temporary files go with them. */
  private void cancel(ExecutorService pool, Map<String, CompletableFuture<Path>> mine) {
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    mine.forEach(
        (key, f) -> {
          if (f.completeExceptionally(new CancellationException("download cancelled"))) {
            downloads.remove(key, f);
          }
        });
  }

  private void run(Candidate c, Path dir, String key, CompletableFuture<Path> result) {
    try {
      Path file = download(c, claim(dir, c));
      downloaded.put(c.location(), file);
      result.complete(file);
    } catch (Throwable t) {
      downloads.remove(key, result);
      result.completeExceptionally(t);
    }
  }

  /** {@code dir/<file name from the URL>}, or {@code dir/2/<name>}, … if another URL has it. */
  private Path claim(Path dir, Candidate c) {
    String name = fileName(c);
    for (int i = 1; ; i++) {
      Path target = i == 1 ? dir.resolve(name) : dir.resolve(Integer.toString(i)).resolve(name);
      String holder = claimed.putIfAbsent(target, c.location());
      if (holder == null || holder.equals(c.location())) {
        return target;
      }
    }
  }

  private static String fileName(Candidate c) {
    String path = null;
    try {
      path = URI.create(c.location()).getPath();
    } catch (IllegalArgumentException e) {
      // fall back to the NEVRA
    }
    String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
    if (name.isEmpty()
        || name.equals(".")
        || name.equals("..")
        || name.startsWith(".")
        || name.contains("\0")
        || name.contains("/")) {
      name = c.nevra() + ".rpm";
    }
    return name;
  }

  private Path download(Candidate c, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    if (Files.isRegularFile(target) && matches(target, c)) {
      return target; // a verified copy from an earlier run
    }
    String location = c.location();
    Path tmp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
    try {
      MessageDigest digest = Checksums.digestFor(c.checksumType());
      long count = 0;
      try (InputStream in = http.get(urlOf(location));
          OutputStream out = Files.newOutputStream(tmp)) {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) != -1; ) {
          if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("download of " + location + " cancelled");
          }
          digest.update(buffer, 0, n);
          out.write(buffer, 0, n);
          count += n;
          if (c.size() > 0 && count > c.size()) {
            throw new IOException(
                "Size mismatch for "
                    + c.nevra()
                    + " from "
                    + location
                    + ": more than the "
                    + c.size()
                    + " bytes primary says");
          }
        }
      }
      if (c.size() > 0 && count != c.size()) {
        throw new IOException(
            "Size mismatch for "
                + c.nevra()
                + " from "
                + location
                + ": got "
                + count
                + " bytes, primary says "
                + c.size());
      }
      String actual = HexFormat.of().formatHex(digest.digest());
      if (c.checksum() != null && !actual.equalsIgnoreCase(c.checksum())) {
        throw new IOException(
            "Checksum mismatch for "
                + c.nevra()
                + " from "
                + location
                + ": "
                + typeOf(c)
                + " of the download is "
                + actual
                + ", primary says "
                + c.checksum());
      }
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
      return target;
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Whether {@code file} has the candidate's size and checksum. */
  private static boolean matches(Path file, Candidate c) throws IOException {
    if (c.checksum() == null || (c.size() > 0 && Files.size(file) != c.size())) {
      return false;
    }
    MessageDigest digest = Checksums.digestFor(c.checksumType());
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest()).equalsIgnoreCase(c.checksum());
  }

  private static String typeOf(Candidate c) {
    return c.checksumType() == null ? "sha256" : c.checksumType();
  }

  private static boolean exists(Path p) {
    return Files.isRegularFile(p);
  }

  private static ThreadFactory daemonThreads() {
    return r -> {
      Thread t = new Thread(r, "odcsj-package-fetch-" + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
