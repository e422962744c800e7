package org.odcsj.selection;

import java.io.IOException;
import java.util.List;

/**
 * Where candidates come from — a yum repository, a Koji tag, an external compose — behind one seam,
 * so the engine never knows. Implementations live in {@code org.odcsj.source}.
 */
@FunctionalInterface
public interface CandidateSource {
  /** Every package the source offers (all arches, all versions it has). */
  List<Candidate> candidates() throws IOException;
}
