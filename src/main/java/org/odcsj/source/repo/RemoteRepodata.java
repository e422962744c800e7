package org.odcsj.source.repo;

import java.io.IOException;
import java.util.Map;
import org.odcsj.output.SourceRepodata;

/**
 * A remote repository's metadata files, as its repomd.xml listed them when it was read: fetched
 * again when read, and checked against the checksums of then.
 */
final class RemoteRepodata implements SourceRepodata {
  private final RepoLocation.Remote repo;
  private final RepoHttp http;
  private final Map<String, RepomdIndex.DataFile> files;

  RemoteRepodata(RepoLocation.Remote repo, RepoHttp http, Map<String, RepomdIndex.DataFile> files) {
    this.repo = repo;
    this.http = http;
    this.files = Map.copyOf(files);
  }

  @Override
  public boolean read(String type, XmlReader reader) throws IOException {
    RepomdIndex.DataFile data = files.get(type);
    if (data == null || data.href() == null || data.checksum() == null) {
      return false;
    }
    RemoteYumRepositoryReader.readVerified(
        repo,
        http,
        data,
        (xml, name) -> {
          reader.read(xml);
          return null;
        });
    return true;
  }

  @Override
  public String toString() {
    return repo.toString(); // without credentials
  }
}
