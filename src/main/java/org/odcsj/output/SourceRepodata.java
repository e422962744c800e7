package org.odcsj.output;

import java.io.IOException;
import java.io.InputStream;

/**
 * The repodata of a repository packages come from. For a package whose file is byte-identical to
 * what this metadata describes, {@link RepositoryWriter} copies the package's entries from here
 * instead of reading the RPM's header (createrepo_c {@code --update}'s idea).
 */
public interface SourceRepodata {

  /** Consumes one metadata file, decompressed. */
  @FunctionalInterface
  interface XmlReader {
    void read(InputStream xml) throws IOException;
  }

  /**
   * Streams the {@code type} file ({@code primary}, {@code filelists}, {@code other}),
   * decompressed, through {@code reader}, then checks the whole file against repomd.xml's checksum
   * as it was when the repository was read: an {@link IOException} if it changed since. Returns
   * {@code false}, without calling {@code reader}, when the repository has no such file.
   */
  boolean read(String type, XmlReader reader) throws IOException;
}
