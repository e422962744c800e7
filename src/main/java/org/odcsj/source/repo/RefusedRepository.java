package org.odcsj.source.repo;

import java.io.IOException;

/**
 * Repository content refused on purpose, not merely unreadable: a file reached through a symbolic
 * link outside the allowed roots, a DTD in metadata, a location leaving the repository. Its message
 * says which and why, ready for a compose's {@code state_reason}.
 */
public class RefusedRepository extends IOException {
  public RefusedRepository(String message) {
    super(message);
  }
}
