package org.odcsj.source.koji;

import java.nio.file.Path;
import java.util.List;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.rpm.RpmPackage.Dependency;
import org.odcsj.rpm.RpmPackage.PackageFile;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Capability;
import org.odcsj.selection.LazySigkey;
import org.odcsj.selection.Nevra;

/** One Koji RPM copy offered to the selection engine, with the metadata read from it. */
record KojiCandidate(Candidate candidate, RpmPackage metadata, KojiRpmCopy copy) {

  static KojiCandidate of(RpmPackage p, KojiRpmCopy copy, String location) {
    return new KojiCandidate(candidate(p, location, copy.sigkey()), p, copy);
  }

  /** A scratch build's RPM: no copy in Koji's sense, always a file on the mounted volume. */
  static KojiCandidate scratch(RpmPackage p, Path file) {
    return new KojiCandidate(candidate(p, file.toString(), ""), p, null);
  }

  private static Candidate candidate(RpmPackage p, String location, String sigkey) {
    return new Candidate(
        new Nevra(p.name(), Capability.epochOf(p.epoch()), p.version(), p.release(), p.arch()),
        location,
        "sha256",
        p.sha256(),
        p.packageSize(),
        p.fileTime(),
        p.sourcerpm(),
        capabilities(p.dependencies().provides()),
        capabilities(p.dependencies().requires()),
        capabilities(p.dependencies().conflicts()),
        capabilities(p.dependencies().obsoletes()),
        p.files().stream().map(PackageFile::path).toList(),
        LazySigkey.of(sigkey));
  }

  private static List<Capability> capabilities(List<Dependency> dependencies) {
    return dependencies.stream().map(KojiCandidate::capability).toList();
  }

  static Capability capability(Dependency d) {
    return Capability.ofRepodata(d.name(), d.flags(), d.epoch(), d.version(), d.release(), d.pre());
  }
}
