package org.odcsj.source.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.odcsj.rpm.RpmHeaderReader;
import org.odcsj.rpm.RpmPackage.Dependency;

/**
 * A package as a source repository's primary and filelists describe it: the {@link SourcePackage}
 * (NEVRA, file, checksum) plus its size and modification time (epoch seconds, 0 when the metadata
 * does not say), source RPM, relations (in metadata order, {@code pre} kept) and every file it
 * owns. The sigkey is not in repodata: {@link #readSigkey()} opens the RPM's header for it.
 */
public record RepoPackage(
    SourcePackage source,
    long packageSize,
    long fileTime,
    String sourcerpm,
    List<Dependency> provides,
    List<Dependency> requires,
    List<Dependency> conflicts,
    List<Dependency> obsoletes,
    List<String> files) {

  public RepoPackage {
    provides = List.copyOf(provides);
    requires = List.copyOf(requires);
    conflicts = List.copyOf(conflicts);
    obsoletes = List.copyOf(obsoletes);
    files = List.copyOf(files);
  }

  /**
   * The signing key id's last 8 hex digits ({@code ""} when unsigned), read from the RPM's
   * signature header — the payload is neither read nor hashed.
   */
  public String readSigkey() throws IOException {
    if (source.file() == null) {
      throw new IOException(
          source.nevra() + " is in a remote repository: read its sigkey with PackageFetcher");
    }
    return sigkeyOf(source.file());
  }

  /** The sigkey of the RPM at {@code file}, from its signature header alone. */
  static String sigkeyOf(Path file) throws IOException {
    return RpmHeaderReader.readSigkey(file);
  }
}
