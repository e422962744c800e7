package org.odcsj.testsupport.pungi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A lorax test double honouring the server's {@code odcs.lorax-command} contract: {@code <command>
 * <arch repository> <output dir> <arch>}; it checks the repository has repodata and writes {@code
 * <output dir>/boot.iso} (a small text file naming the arch and repository, not a real image),
 * exiting non-zero when the repository has none.
 */
public final class LoraxTestDouble {

  private static final String SCRIPT =
      """
      #!/bin/sh
      # lorax test double (see LoraxTestDouble.java)
      [ $# -eq 3 ] || { echo "usage: $0 REPO OUTDIR ARCH" >&2; exit 2; }
      [ -f "$1/repodata/repomd.xml" ] || { echo "no repository at $1" >&2; exit 1; }
      mkdir -p "$2" && printf 'lorax test double boot image for %s from %s\\n' "$3" "$1" > "$2/boot.iso"
      """;

  private LoraxTestDouble() {}

  /** Writes the script as {@code dir/lorax-test-double}, executable; returns its path. */
  public static Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path script = dir.resolve("lorax-test-double");
    Files.writeString(script, SCRIPT);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }
}
