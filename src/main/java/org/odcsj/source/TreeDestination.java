package org.odcsj.source;

import java.nio.file.Path;

/**
 * Where a {@link TreeSource} writes one compose.
 *
 * @param composeId the compose's id
 * @param composeName {@code odcs-<id>}, the published directory's name
 * @param staging the empty directory published as {@code <targetDir>/odcs-<id>}
 * @param repoFile where the compose's {@code .repo} file goes (inside {@code staging})
 * @param targetDir the target directory the compose is published under
 * @param composeUrl the URL the published directory is served at (ends without a slash)
 * @param pungiConfigDump the configuration dump a regeneration runs again, or null
 */
public record TreeDestination(
    long composeId,
    String composeName,
    Path staging,
    Path repoFile,
    Path targetDir,
    String composeUrl,
    String pungiConfigDump) {

  /** A destination of a compose without a stored configuration dump. */
  public TreeDestination(
      long composeId,
      String composeName,
      Path staging,
      Path repoFile,
      Path targetDir,
      String composeUrl) {
    this(composeId, composeName, staging, repoFile, targetDir, composeUrl, null);
  }
}
