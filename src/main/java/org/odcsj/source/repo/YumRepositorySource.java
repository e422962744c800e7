package org.odcsj.source.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.CandidateSource;

/** A local yum repository as a {@link CandidateSource}: every package, relations and files. */
public final class YumRepositorySource implements CandidateSource {
  private final Path dir;

  public YumRepositorySource(Path dir) {
    this.dir = dir;
  }

  @Override
  public List<Candidate> candidates() throws IOException {
    return RepoCandidates.of(YumRepositoryReader.readWithDetails(dir));
  }
}
