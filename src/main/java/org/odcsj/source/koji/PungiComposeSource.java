package org.odcsj.source.koji;

import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SourceType;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.source.LookasideRepos;
import org.odcsj.source.PackageContent;
import org.odcsj.source.PackageSource;
import org.odcsj.source.Resolution;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.SourceLog;
import org.odcsj.source.koji.pungicompose.PungiComposeContent;
import org.odcsj.source.koji.pungicompose.PungiComposeException;
import org.odcsj.source.koji.pungicompose.PungiComposeReader;

/**
 * The {@code pungi_compose} source: the exact RPMs of another compose, read from its productmd
 * {@code rpms.json} — its arches, builds (the SRPMs' NVRs), package names and sigkeys become the
 * compose's own inputs — then composed like a {@code build} compose. The other compose may change,
 * so this one is never reused.
 */
final class PungiComposeSource implements PackageSource {

  private final PungiComposeReader reader;
  private final KojiBuildSource builds;

  PungiComposeSource(PungiComposeReader reader, KojiBuildSource builds) {
    this.reader = reader;
    this.builds = builds;
  }

  @Override
  public SourceType type() {
    return SourceType.PUNGI_COMPOSE;
  }

  @Override
  public Resolution resolve(ComposeSpec spec, SourceLog log) throws SourceFailure {
    PungiComposeContent other;
    try {
      other = reader.read(spec.source());
    } catch (PungiComposeException e) {
      throw new SourceFailure(e.getMessage(), e);
    }
    log.info(
        "Compose "
            + spec.source()
            + ": "
            + other.nevras().size()
            + " RPMs of "
            + other.builds().size()
            + " builds");
    ComposeSpec resolved =
        spec.toBuilder()
            .arches(SpaceJoined.of(other.arches()))
            .builds(SpaceJoined.of(other.builds()))
            .packages(SpaceJoined.of(other.packages()))
            .sigkeys(SpaceJoined.of(other.sigkeys()))
            .build();
    return Resolution.neverReused(resolved);
  }

  // Composed like a build compose of the builds read from rpms.json.
  @Override
  public PackageContent open(ComposeSpec resolved, SourceLog log, LookasideRepos lookaside)
      throws SourceFailure {
    return builds.open(resolved, log, lookaside);
  }
}
