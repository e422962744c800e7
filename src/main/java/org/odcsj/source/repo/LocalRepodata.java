package org.odcsj.source.repo;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.odcsj.output.SourceRepodata;

/** A local repository's metadata files, as its repomd.xml listed them when it was read. */
final class LocalRepodata implements SourceRepodata {
  private final Path repoDir;
  private final Path repomd;
  private final Map<String, RepomdIndex.DataFile> files;

  LocalRepodata(Path repoDir, Path repomd, Map<String, RepomdIndex.DataFile> files) {
    this.repoDir = repoDir;
    this.repomd = repomd;
    this.files = Map.copyOf(files);
  }

  @Override
  public boolean read(String type, XmlReader reader) throws IOException {
    RepomdIndex.DataFile data = files.get(type);
    if (data == null || data.href() == null || data.checksum() == null) {
      return false;
    }
    YumRepositoryReader.readVerified(
        repoDir,
        repomd,
        data,
        (xml, path) -> {
          reader.read(xml);
          return null;
        });
    return true;
  }

  @Override
  public String toString() {
    return repoDir.toString();
  }
}
