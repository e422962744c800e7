package org.odcsj.source;

import java.util.List;
import org.odcsj.selection.Candidate;

/**
 * The yum repositories a compose names in {@code lookaside_repos}: yum repositories whatever the
 * compose's source, so one reader (the repo source's, handed in by the generator) serves them all.
 */
public interface LookasideRepos {

  /** The packages of one lookaside repository ({@code $basearch} already replaced). */
  List<Candidate> read(String url, SourceLog log) throws SourceFailure;
}
