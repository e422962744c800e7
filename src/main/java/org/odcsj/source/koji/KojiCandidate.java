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
import org.odcsj.selection.Evr;
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
            new Nevra(p.name(), epoch(p.epoch()), p.version(), p.release(), p.arch()),
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

  private static Capability capability(Dependency d) {
    Capability.Op op = Capability.Op.ofRepodataFlags(d.flags());
    if (op == null || d.version() == null || d.version().isEmpty()) {
      return new Capability(d.name(), null, null, d.pre());
    }
    return new Capability(
        d.name(), op, new Evr(epoch(d.epoch()), d.version(), d.release()), d.pre());
  }

  private static long epoch(String epoch) {
    if (epoch == null || epoch.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(epoch);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
