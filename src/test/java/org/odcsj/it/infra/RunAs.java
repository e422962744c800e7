package org.odcsj.it.infra;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The OS account that runs {@code initdb}/{@code postgres}/{@code pg_ctl}. They refuse to run as
 * root ("cannot be run as root"), but CI runs as root: then they are started through {@code setpriv
 * --reuid --regid --clear-groups} as an unprivileged account (default {@code nobody}, override with
 * {@code -Dodcs.it.pg.user=NAME}). As a normal user nothing is switched.
 */
final class RunAs {
  final String name;
  final int uid;
  final int gid;

  /** True when commands are wrapped in setpriv (we are root). */
  final boolean switched;

  private RunAs(String name, int uid, int gid, boolean switched) {
    this.name = name;
    this.uid = uid;
    this.gid = gid;
    this.switched = switched;
  }

  static RunAs forThisProcess() throws IOException, InterruptedException {
    UnixSystem me = new UnixSystem();
    if (me.getUid() != 0) {
      return new RunAs(me.getUsername(), (int) me.getUid(), (int) me.getGid(), false);
    }
    String name = System.getProperty("odcs.it.pg.user", "nobody");
    int uid = Integer.parseInt(output("id", "-u", name));
    int gid = Integer.parseInt(output("id", "-g", name));
    if (uid == 0) {
      throw new IllegalStateException("odcs.it.pg.user must not be a root account: " + name);
    }
    return new RunAs(name, uid, gid, true);
  }

  /** The command line to start {@code cmd} as this account. */
  List<String> command(Object... cmd) {
    List<String> out = new ArrayList<>();
    if (switched) {
      out.addAll(List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
    }
    for (Object c : cmd) {
      out.add(c.toString());
    }
    return out;
  }

  /** Hands a directory we (root) created over to this account; no-op when not switched. */
  void own(Path p) throws IOException {
    if (switched) {
      Files.setAttribute(p, "unix:uid", uid);
      Files.setAttribute(p, "unix:gid", gid);
    }
  }

  /**
   * {@code workDir} if this account can reach it, else {@code /tmp/odcs-it-pg}. As root, the server
   * runs as e.g. 'nobody', which must pass through every parent to reach its binaries and data dir;
   * a 0700 parent (a home dir, a umask-077 checkout) blocks it, while /tmp is always enterable.
   */
  Path reachableDir(Path workDir) throws IOException {
    Path blocked = firstUntraversable(workDir);
    if (blocked == null) {
      return workDir;
    }
    Path tmp = Files.createDirectories(Path.of("/tmp", "odcs-it-pg"));
    Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
    System.err.printf("RunAs: %s cannot enter %s, using %s instead%n", this, blocked, tmp);
    return tmp;
  }

  /**
   * The first of {@code dir} and its parents this account cannot enter ({@code x} bit for its uid,
   * else its primary gid - setpriv clears supplementary groups - else others), or null.
   */
  private Path firstUntraversable(Path dir) throws IOException {
    if (!switched) {
      return null; // we could create/enter it ourselves
    }
    for (Path p = dir.toRealPath(); p != null; p = p.getParent()) {
      Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid,mode");
      int mode = (Integer) a.get("mode");
      int bit = (Integer) a.get("uid") == uid ? 0100 : (Integer) a.get("gid") == gid ? 010 : 01;
      if ((mode & bit) == 0) {
        return p;
      }
    }
    return null;
  }

  private static String output(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out);
    }
    return out;
  }

  @Override
  public String toString() {
    return name + "(" + uid + ":" + gid + (switched ? ", via setpriv" : "") + ")";
  }
}
