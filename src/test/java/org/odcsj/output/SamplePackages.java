package org.odcsj.output;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.odcsj.testsupport.TestRpms;

/** The small package set the output tests share: multilib, noarch, a source RPM, relations. */
public final class SamplePackages {
  private SamplePackages() {}

  public static TestRpms hello() {
    return TestRpms.builder("hello", "1.0", "1", "x86_64")
        .requires("libgreet(x86-64)", ">=", "2:2.0")
        .requires("hello-data", "=", "1.0-1")
        .requires("/usr/bin/hello") // own primary file: createrepo_c drops it
        .requires("greeting") // provided by itself: dropped too
        .requires("libc.so.6()(64bit)")
        .requires("libc.so.6(GLIBC_2.2.5)(64bit)")
        .requires("libc.so.6(GLIBC_2.14)(64bit)")
        .requiresPre("libgreet")
        .provides("greeting")
        .provides("hello(x86-64)", "=", "1.0-1")
        .conflicts("oldhello", "<", "0.9")
        .obsoletes("hello-legacy", "<=", "1:1.0")
        .recommends("hello-docs")
        .suggests("fortune")
        .file("/usr/bin/hello", "#!/bin/true\n")
        .file("/usr/share/hello/README", "Read <me> & \"you\"\n")
        .configFile("/etc/hello.conf", "greeting=hi\n")
        .ghost("/var/log/hello.log")
        .directory("/usr/share/hello")
        .vendor("ODCS & Co")
        .url("https://example.com/hello")
        .packager("Jane <jane@example.com>")
        .changelog(
            Instant.ofEpochSecond(1_700_000_000L), "Jane <jane@example.com> - 1.0-1 ", "- 1.0")
        .changelog(
            Instant.ofEpochSecond(1_600_000_000L), "Jane <jane@example.com> - 0.9-1", "- 0.9");
  }

  public static TestRpms libgreet(String arch) {
    String lib = "x86_64".equals(arch) ? "/usr/lib64" : "/usr/lib";
    return TestRpms.builder("libgreet", 2, "2.1", "3", arch)
        .provides("libgreet(" + ("x86_64".equals(arch) ? "x86-64" : "x86-32") + ")", "=", "2:2.1-3")
        .provides("libc.so.6()(64bit)")
        .provides("libc.so.6(GLIBC_2.2.5)(64bit)") // rpm checks all of them, repodata only one
        .provides("libc.so.6(GLIBC_2.14)(64bit)")
        .file(lib + "/libgreet.so.2", "not really a library\n");
  }

  public static TestRpms helloData() {
    return TestRpms.builder("hello-data", "1.0", "1", "noarch")
        .file("/usr/share/hello/data.txt", "data\n");
  }

  public static TestRpms helloSource() {
    return TestRpms.builder("hello", "1.0", "1", "src").file("/hello.spec", "Name: hello\n");
  }

  /** Builds all of them into {@code dir} and returns their paths. */
  public static List<Path> buildAll(Path dir) {
    return List.of(
        hello().build(dir),
        libgreet("x86_64").build(dir),
        libgreet("i686").build(dir),
        helloData().build(dir),
        helloSource().build(dir));
  }
}
