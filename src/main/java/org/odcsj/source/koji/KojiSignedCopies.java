package org.odcsj.source.koji;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.odcsj.parallel.Parallel;

/**
 * Chooses the copy of each RPM a compose takes, by {@code sigkeys} in order of preference: the
 * first key Koji has a signature of ({@code queryRPMSigs}, batched) and a signed copy for (in the
 * mounted topdir, or answering a HEAD under the topurl) wins; {@code ""} — or an empty list —
 * allows the copy as imported, unsigned. A signature row does not promise a signed copy (Koji
 * writes it only on {@code writeSignedRPM}), so the file is looked for, not assumed. Packages
 * without an acceptable copy fail together, all named ({@link KojiUnsignedPackages}).
 */
public final class KojiSignedCopies {
  private static final Duration HEAD_TIMEOUT = Duration.ofSeconds(30);

  /** Threads looking for copies on a mounted volume: they wait for the disk, not the processor. */
  private static final int CHECKERS = 16;

  private final KojiQueries koji;
  private final KojiTopdir topdir;
  private final HttpClient http;

  public KojiSignedCopies(KojiQueries koji, KojiTopdir topdir) {
    this.koji = koji;
    this.topdir = topdir;
    this.http =
        topdir.isMounted()
            ? null
            : HttpClient.newBuilder()
                .connectTimeout(HEAD_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
  }

  /**
   * One copy per RPM, in the given order.
   *
   * @throws KojiUnsignedPackages when some RPMs have no acceptable copy
   * @throws UncheckedIOException when the topurl cannot be asked whether a copy exists
   */
  public List<KojiRpmCopy> choose(List<KojiBuildRpm> rpms, List<String> sigkeys) {
    Chooser chooser = chooser(rpms, sigkeys);
    Choice[] choices = new Choice[rpms.size()];
    if (topdir.isMounted() && rpms.size() > 1) {
      // Each choice is a stat or two on the volume: cold, that is waiting for the disk, one file
      // after another (seconds for a few thousand RPMs) unless many are asked at once.
      try {
        Parallel.forEach(
            "koji-copies", rpms.size(), CHECKERS, i -> choices[i] = chooser.choice(rpms.get(i)));
      } catch (IOException e) {
        throw new UncheckedIOException(e); // interrupted: the only IOException a choice throws
      }
    } else {
      for (int i = 0; i < rpms.size(); i++) {
        choices[i] = chooser.choice(rpms.get(i));
      }
    }
    List<KojiRpmCopy> copies = new ArrayList<>(rpms.size());
    List<KojiUnsignedPackages.Missing> missing = new ArrayList<>();
    for (Choice c : choices) {
      if (c.copy() != null) {
        copies.add(c.copy());
      } else {
        missing.add(c.missing());
      }
    }
    chooser.failIfMissing(missing);
    return copies;
  }

  /**
   * Asks Koji for the signatures of {@code rpms} once (batched) and gives a chooser of each one's
   * copy, safe to call from many threads: a caller that also reads each chosen file does both on
   * one pass, so the waits for the volume overlap instead of following one another.
   *
   * @throws KojiException or {@link KojiNotFound} when Koji cannot be asked
   */
  public Chooser chooser(List<KojiBuildRpm> rpms, List<String> sigkeys) {
    List<String> keys =
        sigkeys.isEmpty()
            ? List.of("")
            : sigkeys.stream().map(k -> k == null ? "" : k.toLowerCase(Locale.ROOT)).toList();
    // Only the unsigned copy wanted: it needs no signature row, so Koji is not asked for any.
    Map<Long, List<KojiRpmSig>> sigs =
        keys.equals(List.of(""))
            ? Map.of()
            : koji.rpmSigs(rpms.stream().map(r -> r.rpm().id()).toList());
    return new Chooser(keys, sigs);
  }

  /** Chooses the copy of one RPM at a time among the signatures Koji gave. */
  public final class Chooser {
    private final List<String> keys;
    private final Map<Long, List<KojiRpmSig>> sigs;

    private Chooser(List<String> keys, Map<Long, List<KojiRpmSig>> sigs) {
      this.keys = keys;
      this.sigs = sigs;
    }

    /**
     * The RPM's copy by the keys' preference, or what is missing for it.
     *
     * @throws UncheckedIOException when the topurl cannot be asked whether a copy exists
     */
    public Choice choice(KojiBuildRpm r) {
      return KojiSignedCopies.this.choice(r, keys, sigs);
    }

    /**
     * @throws KojiUnsignedPackages naming them all, when some RPMs had no acceptable copy
     */
    public void failIfMissing(List<KojiUnsignedPackages.Missing> missing) {
      if (!missing.isEmpty()) {
        throw new KojiUnsignedPackages(keys, missing);
      }
    }
  }

  /** An RPM's copy, or (when {@code copy} is null) what is missing for it. */
  public record Choice(KojiRpmCopy copy, KojiUnsignedPackages.Missing missing) {}

  /** The RPM's copy by the keys' preference, or what is missing for it. */
  private Choice choice(KojiBuildRpm r, List<String> keys, Map<Long, List<KojiRpmSig>> sigs) {
    Set<String> signedWith =
        sigs.getOrDefault(r.rpm().id(), List.of()).stream()
            .map(KojiRpmSig::sigkey)
            .collect(Collectors.toSet());
    List<String> withoutCopy = new ArrayList<>();
    boolean noUnsignedFile = false;
    for (String key : keys) {
      // "" needs no row: the copy as imported always has one, and an old Koji may lack it
      if (!key.isEmpty() && !signedWith.contains(key)) {
        continue;
      }
      KojiRpmCopy chosen = copy(r, key);
      if (chosen != null) {
        return new Choice(chosen, null);
      }
      if (key.isEmpty()) {
        noUnsignedFile = true;
      } else {
        withoutCopy.add(key);
      }
    }
    return new Choice(
        null, new KojiUnsignedPackages.Missing(r.rpm().nvra(), withoutCopy, noUnsignedFile));
  }

  /** The copy signed with {@code key} if it exists, else null. */
  private KojiRpmCopy copy(KojiBuildRpm r, String key) {
    String relative = KojiTopdir.rpmPath(r.build(), r.rpm(), key);
    if (topdir.isMounted()) {
      Path file = topdir.file(relative);
      return Files.isRegularFile(file)
          ? new KojiRpmCopy(r, key, file, null, r.rpm().payloadhash())
          : null;
    }
    URI url = topdir.url(relative);
    return exists(url) ? new KojiRpmCopy(r, key, null, url, r.rpm().payloadhash()) : null;
  }

  private boolean exists(URI url) {
    HttpRequest head =
        HttpRequest.newBuilder(url)
            .timeout(HEAD_TIMEOUT)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      int status = http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode();
      if (status == 200) {
        return true;
      }
      if (status == 404 || status == 410) {
        return false;
      }
      throw new UncheckedIOException(
          new IOException("cannot tell whether " + url + " exists: HTTP " + status));
    } catch (IOException e) {
      throw new UncheckedIOException(
          new IOException("cannot tell whether " + url + " exists: " + e.getMessage(), e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted asking " + url, e));
    }
  }
}
