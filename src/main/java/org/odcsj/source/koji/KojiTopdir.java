package org.odcsj.source.koji;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * The layout of Koji's volume: a local mount ({@code odcs.koji.topdir}, e.g. {@code /mnt/koji}) or
 * the same tree over HTTP ({@code odcs.koji.topurl}). Package directories are named after the build
 * (the source package), not the binary RPM: {@code c0031-libs-1.9-2.x86_64.rpm} of build {@code
 * c0031-1.9-2} lives in {@code packages/c0031/1.9/2/x86_64/}.
 */
public final class KojiTopdir {
  private final Path topdir;
  private final URI topurl;

  private KojiTopdir(Path topdir, URI topurl) {
    this.topdir = topdir;
    this.topurl = topurl;
  }

  public static KojiTopdir mounted(Path topdir) {
    return new KojiTopdir(Objects.requireNonNull(topdir, "topdir"), null);
  }

  public static KojiTopdir remote(URI topurl) {
    String url = Objects.requireNonNull(topurl, "topurl").toString();
    return new KojiTopdir(null, URI.create(url.endsWith("/") ? url : url + "/"));
  }

  public boolean isMounted() {
    return topdir != null;
  }

  /**
   * The RPM's path below the top: the copy as imported for sigkey {@code ""} or {@code null}, else
   * the copy signed with that key ({@code data/signed/<sigkey lowercase>/…}), which exists only if
   * someone had Koji write it.
   */
  public static String rpmPath(KojiBuild build, KojiRpm rpm, String sigkey) {
    String buildDir =
        "packages/" + build.packageName() + "/" + build.version() + "/" + build.release() + "/";
    String file = rpm.arch() + "/" + rpm.nvra() + ".rpm";
    if (sigkey == null || sigkey.isEmpty()) {
      return buildDir + file;
    }
    return buildDir + "data/signed/" + sigkey.toLowerCase(Locale.ROOT) + "/" + file;
  }

  /** A buildroot repo's arch directory; Koji files i686 (and i386…i586) under {@code i386}. */
  public static String repoPath(String tag, long repoId, String arch) {
    return "repos/" + tag + "/" + repoId + "/" + repoArch(arch) + "/";
  }

  static String repoArch(String arch) {
    return switch (arch) {
      case "i386", "i486", "i586", "i686", "athlon" -> "i386";
      default -> arch;
    };
  }

  /** The file on the mounted volume. */
  public Path file(String relative) {
    if (topdir == null) {
      throw new IllegalStateException("no Koji topdir is mounted; use url()");
    }
    return topdir.resolve(relative);
  }

  /** The file's URL under the topurl. */
  public URI url(String relative) {
    if (topurl == null) {
      throw new IllegalStateException("no Koji topurl is set; use file()");
    }
    try {
      // quotes what a URI cannot hold as is (e.g. the '^' of a snapshot version)
      return topurl.resolve(new URI(null, null, relative, null));
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a path: " + relative, e);
    }
  }

  @Override
  public String toString() {
    return topdir != null ? topdir.toString() : topurl.toString();
  }
}
