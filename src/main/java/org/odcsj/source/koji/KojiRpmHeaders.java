package org.odcsj.source.koji;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.odcsj.rpm.RpmHeaderReader;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.rpm.cache.HeaderCacheCounter;
import org.odcsj.rpm.cache.RpmMetadataCache;

/**
 * The metadata of a Koji RPM copy: Koji's files never change, so what was read from one (by its
 * payloadhash and the copy's sigkey) comes from the metadata cache when there is one, and is read
 * from the file's headers — then kept — only the first time.
 */
final class KojiRpmHeaders {

  private final Optional<RpmMetadataCache> cache;

  KojiRpmHeaders(Optional<RpmMetadataCache> cache) {
    this.cache = cache;
  }

  /** Where a copy's file is; over the topurl, fetching it is the expensive part. */
  @FunctionalInterface
  interface FileOfCopy {
    Path get() throws IOException;
  }

  /** The cached metadata, or the file's (fetched only then), kept for the next compose. */
  RpmPackage read(KojiRpmCopy copy, FileOfCopy file, HeaderCacheCounter counter)
      throws IOException {
    String payloadhash = copy.payloadhash();
    boolean cacheable = cache.isPresent() && payloadhash != null && payloadhash.length() == 32;
    if (cacheable) {
      Optional<RpmPackage> known = cache.get().get(payloadhash, copy.sigkey());
      if (known.isPresent()) {
        counter.hit();
        return known.get();
      }
    }
    RpmPackage read = RpmHeaderReader.read(file.get());
    counter.read();
    if (cacheable) {
      cache.get().put(payloadhash, copy.sigkey(), read);
    }
    return read;
  }
}
