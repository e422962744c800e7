package org.odcsj.source.koji;

import java.net.URI;
import java.nio.file.Path;

/**
 * The copy of an RPM a compose takes: signed with {@code sigkey} ({@code ""}: unsigned, as
 * imported), at {@code file} in a mounted topdir or at {@code url} under the topurl (one of the two
 * is null), and Koji's {@code payloadhash} to check it against ({@link PayloadHash}).
 */
public record KojiRpmCopy(KojiBuildRpm rpm, String sigkey, Path file, URI url, String payloadhash) {

  /** The file's location as text, for logs and messages. */
  public String location() {
    return file != null ? file.toString() : url.toString();
  }
}
