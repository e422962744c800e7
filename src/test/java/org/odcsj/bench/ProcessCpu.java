package org.odcsj.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time consumed by a process (and, for PostgreSQL, by its backends) from {@code /proc}: the
 * machine is shared, so CPU time per request says what a case costs where throughput alone only
 * says how busy the neighbours were. Linux only; elsewhere every reading is 0.
 */
final class ProcessCpu {

  private static final double TICK_MS = 10; // USER_HZ is 100 on Linux

  private ProcessCpu() {}

  /** Milliseconds of CPU the process has used (user + system), its reaped children included. */
  static double of(long pid) {
    String[] f = stat(pid);
    if (f == null) {
      return 0;
    }
    // Fields after "(comm)": state=0 ppid=1 ... utime=11 stime=12 cutime=13 cstime=14.
    return (Long.parseLong(f[11])
            + Long.parseLong(f[12])
            + Long.parseLong(f[13])
            + Long.parseLong(f[14]))
        * TICK_MS;
  }

  /** Milliseconds of CPU of the process's children it has waited for (user + system). */
  static double ofReapedChildren(long pid) {
    String[] f = stat(pid);
    return f == null ? 0 : (Long.parseLong(f[13]) + Long.parseLong(f[14])) * TICK_MS;
  }

  /** Milliseconds of CPU of the PostgreSQL server on this data-dir port: postmaster + backends. */
  static double ofPostgres(int port) {
    long postmaster = -1;
    double children = 0;
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        String cmd = cmdline(p);
        if (cmd.contains("/bin/postgres") && cmd.contains("pg-data-" + port)) {
          postmaster = Long.parseLong(p.getFileName().toString());
        }
      }
      if (postmaster < 0) {
        return 0;
      }
    } catch (IOException e) {
      return 0;
    }
    try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path p : procs) {
        long pid = Long.parseLong(p.getFileName().toString());
        String[] f = stat(pid);
        if (f != null && Long.parseLong(f[1]) == postmaster) {
          children += (Long.parseLong(f[11]) + Long.parseLong(f[12])) * TICK_MS;
        }
      }
    } catch (IOException e) {
      return 0;
    }
    return of(postmaster) + children;
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8);
    } catch (IOException gone) {
      return "";
    }
  }

  private static String[] stat(long pid) {
    try {
      String s = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      return s.substring(s.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException gone) {
      return null;
    }
  }
}
