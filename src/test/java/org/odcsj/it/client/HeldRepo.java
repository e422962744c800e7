package org.odcsj.it.client;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.odcsj.it.TestEnvironment;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/**
 * A yum repository served by a loopback web server whose package downloads are held until the test
 * opens the gate: a compose of it stays {@code generating} (with progress and a log) for as long as
 * a test needs.
 */
final class HeldRepo implements AutoCloseable {

  final TestHttpServer web;
  final TestHttpServer.Gate downloads;

  private HeldRepo(TestHttpServer web) {
    this.web = web;
    this.downloads = web.hold(path -> path.endsWith(".rpm"));
  }

  static HeldRepo create() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c is needed for the source repo");
    Path root =
        TestEnvironment.current()
            .itDir()
            .resolve("web")
            .resolve("client-" + UUID.randomUUID().toString().substring(0, 8));
    Path repo = Files.createDirectories(root.resolve("repo"));
    TestRpms.builder("held", "1.0", "1", "x86_64")
        .file("/usr/bin/held", "#!/bin/sh\necho held\n", 0755)
        .build(repo);
    TestRpms.builder("held-doc", "1.0", "1", "noarch").build(repo);
    TestRepos.createrepo(repo);
    return new HeldRepo(TestHttpServer.serve(root));
  }

  String url() {
    return web.url() + "/repo";
  }

  @Override
  public void close() {
    downloads.open();
    web.close();
  }
}
