package org.odcsj.source.repo;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.fetch.PackageFetcher;
import org.odcsj.selection.Candidate;
import org.odcsj.source.InvalidSourceRequest;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.PackageContent;
import org.odcsj.source.PackageSource;
import org.odcsj.source.Resolution;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;

/**
 * The {@code repo} source: one or more yum repositories (local directories under the allowed roots,
 * or http(s) URLs under the allowed prefixes). Its fingerprint is that of each repository's
 * repomd.xml, so a changed repository is never mistaken for an unchanged one. It also reads the
 * lookaside repositories of any source's compose ({@link LookasideRepos}).
 */
public final class RepoSource implements PackageSource, LookasideRepos {

  private final List<Path> allowedRoots;
  private final List<String> allowedUrlPrefixes;

  public RepoSource(List<Path> allowedRoots, List<String> allowedUrlPrefixes) {
    this.allowedRoots = List.copyOf(allowedRoots);
    this.allowedUrlPrefixes = List.copyOf(allowedUrlPrefixes);
  }

  @Override
  public SourceType type() {
    return SourceType.REPO;
  }

  @Override
  public void validate(ComposeSpec spec) throws InvalidSourceRequest {
    for (String p : spec.source().split(" ")) {
      if (p.startsWith("http://") || p.startsWith("https://")) {
        if (allowedUrlPrefixes.stream().noneMatch(p::startsWith)) {
          throw new InvalidSourceRequest(
              "Repository URL \""
                  + p
                  + "\" is not under an allowed root (odcs.repo.allowed-roots)");
        }
        continue;
      }
      Path path = Path.of(p);
      if (!path.isAbsolute()) {
        throw new InvalidSourceRequest("Repository path \"" + p + "\" must be absolute");
      }
      if (allowedRoots.stream().noneMatch(path.normalize()::startsWith)) {
        throw new InvalidSourceRequest(
            "Repository path \"" + p + "\" is not under an allowed root (odcs.repo.allowed-roots)");
      }
    }
  }

  @Override
  public Resolution resolve(ComposeSpec spec, SourceLog log) {
    return new Resolution(spec, () -> fingerprint(spec));
  }

  @Override
  public PackageContent open(ComposeSpec resolved, SourceLog log, LookasideRepos lookaside)
      throws SourceFailure {
    PackageFetcher fetcher = new PackageFetcher();
    List<RepoSnapshot> sources = new ArrayList<>();
    for (String token : resolved.source().split("\\s+")) {
      RepoSnapshot snapshot = read(token, "source repository", fetcher);
      log.info(
          "Read "
              + snapshot.candidates().size()
              + " packages from "
              + RepoLocation.redact(token)
              + " (revision "
              + snapshot.revision()
              + ")");
      sources.add(snapshot);
    }
    return new RepoContent(resolved, sources, fetcher, lookaside, log);
  }

  @Override
  public List<Candidate> read(String url, SourceLog log) throws SourceFailure {
    RepoSnapshot snapshot = read(url, "lookaside repository", new PackageFetcher());
    log.info(
        "Lookaside "
            + RepoLocation.redact(url)
            + ": "
            + snapshot.candidates().size()
            + " packages");
    return snapshot.candidates();
  }

  private String fingerprint(ComposeSpec spec) throws SourceFailure {
    PackageFetcher fetcher = new PackageFetcher();
    List<String> prints = new ArrayList<>();
    for (String token : spec.source().split("\\s+")) {
      RepoLocation location = location(token, "source repository");
      try {
        prints.add(YumRepositories.fingerprint(location, fetcher.http()));
      } catch (NoSuchFileException | FileNotFoundException e) {
        throw new SourceFailure(notARepository(token, "source repository", e), e);
      } catch (IOException e) {
        throw new SourceFailure(
            "source repository " + RepoLocation.redact(token) + " cannot be read: " + e, e);
      }
    }
    return String.join(" ", prints);
  }

  private RepoSnapshot read(String token, String what, PackageFetcher fetcher)
      throws SourceFailure {
    RepoLocation location = location(token, what);
    AllowedRoots roots = new AllowedRoots(allowedRoots, allowedUrlPrefixes);
    try {
      if (location instanceof RepoLocation.Local local) {
        roots.requireRepository(local.dir().toAbsolutePath().normalize());
      }
      RepoSnapshot snapshot = YumRepositories.read(location, fetcher);
      roots.requirePackages(snapshot);
      return snapshot;
    } catch (NoSuchFileException | FileNotFoundException e) {
      throw new SourceFailure(notARepository(token, what, e), e);
    } catch (RefusedRepository e) {
      throw new SourceFailure(what + " " + RepoLocation.redact(token) + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new SourceFailure(
          what + " " + RepoLocation.redact(token) + " cannot be read: " + e.getMessage(), e);
    }
  }

  // Local repositories must be under the allowed roots (the request was checked at submission;
  // lookaside repositories and a changed configuration are checked here).
  private RepoLocation location(String token, String what) throws SourceFailure {
    RepoLocation location;
    try {
      location = RepoLocation.parse(token);
    } catch (IllegalArgumentException e) {
      throw new SourceFailure(what + " " + RepoLocation.redact(token) + ": " + e.getMessage());
    }
    if (location instanceof RepoLocation.Remote
        && allowedUrlPrefixes.stream().noneMatch(token::startsWith)) {
      throw new SourceFailure(
          what + " " + RepoLocation.redact(token) + " is not under an allowed root");
    }
    if (location instanceof RepoLocation.Local local) {
      Path dir = local.dir().toAbsolutePath().normalize();
      if (allowedRoots.stream().noneMatch(dir::startsWith)) {
        throw new SourceFailure(what + " " + dir + " is not under an allowed root");
      }
      if (!Files.isDirectory(dir)) {
        throw new SourceFailure(what + " " + dir + " does not exist");
      }
    }
    return location;
  }

  private static String notARepository(String token, String what, IOException e) {
    return RepoLocation.parse(token) instanceof RepoLocation.Local
        ? what + " " + token + " is not a yum repository (no repodata/repomd.xml)"
        : what + " " + RepoLocation.redact(token) + " cannot be read: " + e.getMessage();
  }
}
