package org.odcsj.source;

import java.util.List;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.compose.SpaceJoined;
import org.odcsj.selection.Candidate;

/**
 * The yum repositories a compose names in {@code lookaside_repos}: yum repositories whatever the
 * compose's source, so one reader (the repo source's, handed in by the generator) serves them all.
 */
public interface LookasideRepos {

  /** The packages of one lookaside repository ({@code $basearch} already replaced). */
  List<Candidate> read(String url, SourceLog log) throws SourceFailure;

  /** The packages of every lookaside repository of {@code spec}, for {@code arch}. */
  default List<Candidate> forArch(ComposeSpec spec, String arch, SourceLog log)
      throws SourceFailure {
    List<Candidate> packages = new java.util.ArrayList<>();
    for (String repo : SpaceJoined.items(spec.lookasideRepos())) {
      packages.addAll(read(repo.replace("$basearch", arch), log));
    }
    return packages;
  }
}
