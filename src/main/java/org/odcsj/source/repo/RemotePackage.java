package org.odcsj.source.repo;

import java.net.URI;
import org.odcsj.fetch.HttpFiles;

/**
 * A package of a remote repository: its metadata as for a local one (but {@code
 * metadata().source().file()} is {@code null}: the RPM is not here), its URL (which may carry the
 * repository URL's credentials; {@link #toString()} leaves them out) and where its header ends
 * ({@code rpm:header-range end} from primary; 0 when primary does not say), so the sigkey can be
 * read with one small Range request.
 */
public record RemotePackage(RepoPackage metadata, URI url, long headerEnd) {

  /** The URL without credentials: the candidate's location. */
  public String location() {
    return HttpFiles.display(url);
  }

  @Override
  public String toString() {
    return metadata.source().nevra() + " at " + location();
  }
}
