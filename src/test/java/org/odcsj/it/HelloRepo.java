package org.odcsj.it;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/**
 * A small source repository under the allowed repo root: hello (x86_64, i686) requiring
 * hello-common (noarch). Built once per test JVM with real RPMs and createrepo_c.
 */
public final class HelloRepo {

  private static Path repo;

  private HelloRepo() {}

  public static synchronized Path path() throws IOException {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed to make the source repo");
    if (repo != null) {
      return repo;
    }
    Path dir = TestEnvironment.current().itDir().resolve("repos").resolve("hello");
    Files.createDirectories(dir);
    for (String arch : new String[] {"x86_64", "i686"}) {
      TestRpms.builder("hello", "1.0", "1", arch)
          .requires("hello-common", "=", "1.0-1")
          .file("/usr/bin/hello", "#!/bin/sh\necho hello\n", 0755)
          .summary("Says hello")
          .build(dir);
    }
    TestRpms.builder("hello-common", "1.0", "1", "noarch")
        .file("/usr/share/hello/greeting", "hello\n")
        .summary("Data of hello")
        .build(dir);
    TestRepos.createrepo(dir);
    repo = dir;
    return repo;
  }
}
