package org.odcsj.source.koji;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.rpm.RpmPackage.Dependency;
import org.odcsj.rpm.RpmPackage.PackageFile;
import org.odcsj.rpm.cache.HeaderCacheCounter;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Capability;
import org.odcsj.selection.LazySigkey;
import org.odcsj.selection.Nevra;

/** One Koji RPM copy offered to the selection engine, with the metadata read from it. */
record KojiCandidate(Candidate candidate, RpmPackage metadata, Path file) {

  static KojiCandidate of(
      KojiRpmCopy copy, Path file, KojiRpmHeaders headers, HeaderCacheCounter counter)
      throws IOException {
    return of(headers.read(copy, file, counter), file, copy.sigkey());
  }

  static KojiCandidate of(RpmPackage p, Path file, String sigkey) {
    Candidate c =
        new Candidate(
            new Nevra(p.name(), Capability.epochOf(p.epoch()), p.version(), p.release(), p.arch()),
            file.toString(),
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
    return new KojiCandidate(c, p, file);
  }

  private static List<Capability> capabilities(List<Dependency> dependencies) {
    return dependencies.stream().map(KojiCandidate::capability).toList();
  }

  static Capability capability(Dependency d) {
    return Capability.ofRepodata(d.name(), d.flags(), d.epoch(), d.version(), d.release(), d.pre());
  }
}
