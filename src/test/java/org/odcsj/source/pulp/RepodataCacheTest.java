package org.odcsj.source.pulp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.fetch.HttpFiles;
import org.odcsj.testsupport.TestHttpServer;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

class RepodataCacheTest {
  @TempDir Path tmp;

  @Test
  void repodataIsDownloadedOncePerRepomdAndSharedByConcurrentComposes() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c makes the repository");
    Path repo = tmp.resolve("www/content/r/x86_64/os");
    TestRpms.builder("one", "1.0", "1", "x86_64").build(repo.resolve("Packages"));
    TestRepos.createrepo(repo);
    try (TestHttpServer www = TestHttpServer.serve(tmp.resolve("www"))) {
      RepodataCache cache = new RepodataCache(tmp.resolve("target"), new HttpFiles());
      String url = www.url() + "/content/r/x86_64/os";
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<Path>> fetches = new ArrayList<>();
      try {
        for (int i = 0; i < 4; i++) {
          fetches.add(pool.submit((Callable<Path>) () -> cache.fetch(url)));
        }
        Path first = fetches.get(0).get();
        for (Future<Path> f : fetches) {
          assertEquals(first, f.get(), "every compose gets the same complete copy");
        }
      } finally {
        pool.shutdownNow();
      }
      Path version = cache.fetch(url);
      assertTrue(
          version.startsWith(tmp.resolve("target/pulp_repo_cache/content/r/x86_64/os")),
          version.toString());
      assertTrue(Files.isRegularFile(version.resolve("repodata/repomd.xml")));
      long primaries =
          www.requests().stream().filter(r -> r.path().endsWith("primary.xml.gz")).count();
      assertTrue(primaries >= 1 && primaries <= 4, "at most one download per racing compose");

      www.clearRequests();
      cache.fetch(url);
      assertEquals(1, www.requests().size(), "unchanged: repomd.xml only");

      TestRpms.builder("two", "1.0", "1", "x86_64").build(repo.resolve("Packages"));
      TestRepos.createrepo(repo);
      Path changed = cache.fetch(url);
      assertNotEquals(version, changed, "a changed repomd.xml is a new version");
      assertEquals(
          1, www.requests().stream().filter(r -> r.path().endsWith("primary.xml.gz")).count());
    }
  }

  @Test
  void urlsWhosePathWouldLeaveTheCacheAreRefused() {
    RepodataCache cache = new RepodataCache(tmp.resolve("target"), new HttpFiles());
    assertThrows(IOException.class, () -> cache.dirOf("http://h/a/../../../etc/"));
    assertThrows(IOException.class, () -> cache.dirOf("http://h/"));
    assertThrows(IOException.class, () -> cache.dirOf("http://h/.hidden/x"));
  }
}
