package org.odcsj.selection;

import java.util.List;
import java.util.Objects;

/**
 * A package a source offers: its identity and relations, and where it lives ({@code location}, a
 * path or URL the engine never opens, only hands back). {@code files} are all the paths the package
 * owns (directories included); they resolve file requirements and find shared libraries for
 * multilib. {@code sigkey} is read only when sigkeys matter, and only for selected packages.
 *
 * <p>{@code checksumType}/{@code checksum}, {@code size} and {@code fileTime} (the file's
 * modification time in epoch seconds, 0 when unknown) are what the source's metadata records about
 * the package file.
 *
 * <p>Several candidates with the same NEVRA are copies of one package (e.g. signed by different
 * keys); the sigkey rules choose among them.
 */
public record Candidate(
    Nevra nevra,
    String location,
    String checksumType,
    String checksum,
    long size,
    long fileTime,
    String sourcerpm,
    List<Capability> provides,
    List<Capability> requires,
    List<Capability> conflicts,
    List<Capability> obsoletes,
    List<String> files,
    LazySigkey sigkey) {

  public Candidate {
    Objects.requireNonNull(nevra, "nevra");
    provides = List.copyOf(provides);
    requires = List.copyOf(requires);
    conflicts = List.copyOf(conflicts);
    obsoletes = List.copyOf(obsoletes);
    files = List.copyOf(files);
    Objects.requireNonNull(sigkey, "sigkey");
  }

  public String name() {
    return nevra.name();
  }

  public String arch() {
    return nevra.arch();
  }

  public Evr evr() {
    return nevra.evr();
  }

  @Override
  public String toString() {
    return nevra.toString();
  }
}
