package org.odcsj.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.odcsj.testsupport.pungi.LoraxTestDouble;
import org.odcsj.testsupport.pungi.PungiTestDouble;

/**
 * What the shared server's raw_config composes and boot.iso results run: the Pungi process test
 * double and the lorax test double (scripts written here), and a local git repository of Pungi
 * configurations made with JGit — branch {@code master} a good configuration, {@code fail} one the
 * double fails on, {@code hang} one it hangs on. The server's {@code raw_config_urls} are the
 * policy tests' names plus {@code raw_it} and {@code raw_it_hang} (a 3-second {@code
 * pungi_timeout}).
 */
public final class RawConfigFixture {

  private static RawConfigFixture instance;

  private final Path pungi;
  private final Path lorax;
  private final String repoUrl;

  private RawConfigFixture(Path pungi, Path lorax, String repoUrl) {
    this.pungi = pungi;
    this.lorax = lorax;
    this.repoUrl = repoUrl;
  }

  public static synchronized RawConfigFixture get() {
    if (instance == null) {
      try {
        Path dir = TestEnvironment.current().itDir().resolve("raw-config");
        Path repo = dir.resolve("configs.git");
        if (!Files.exists(repo)) {
          makeRepository(repo);
        }
        instance =
            new RawConfigFixture(
                PungiTestDouble.write(dir.resolve("bin")),
                LoraxTestDouble.write(dir.resolve("bin")),
                repo.toUri().toString());
      } catch (IOException | GitAPIException e) {
        throw new IllegalStateException("Cannot set the raw config fixture up", e);
      }
    }
    return instance;
  }

  private static void makeRepository(Path repo) throws IOException, GitAPIException {
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("master").call()) {
      commit(git, repo, "release_short = \"rawit\"\nrelease_version = \"1\"\n");
      git.checkout().setCreateBranch(true).setName("fail").call();
      commit(git, repo, "release_short = \"rawit\"\nodcs_test_double = \"fail\"\n");
      git.checkout().setName("master").call();
      git.checkout().setCreateBranch(true).setName("hang").call();
      commit(git, repo, "release_short = \"rawit\"\nodcs_test_double = \"hang\"\n");
      git.checkout().setName("master").call();
    }
  }

  private static void commit(Git git, Path repo, String content)
      throws IOException, GitAPIException {
    Files.writeString(repo.resolve("main.conf"), content);
    git.add().addFilepattern("main.conf").call();
    git.commit().setMessage("main.conf").setAuthor("it", "it@example.com").call();
  }

  /** The MAIN server's {@code raw_config_urls} (what its about endpoint shows). */
  public String rawConfigUrls() {
    String policy = TestPolicy.RAW_CONFIG_URLS;
    return policy.substring(0, policy.lastIndexOf('}'))
        + ", \"raw_it\": {\"url\": \""
        + repoUrl
        + "\", \"config_filename\": \"main.conf\"}, \"raw_it_hang\": {\"url\": \""
        + repoUrl
        + "\", \"config_filename\": \"main.conf\", \"pungi_timeout\": 3}}";
  }

  /** What the MAIN server needs to run Pungi and lorax. */
  public Map<String, String> serverEnvironment() {
    return Map.of(
        "ODCS_RAW_CONFIG_URLS", rawConfigUrls(),
        "ODCS_PUNGI_KOJI_COMMAND", pungi.toString(),
        "ODCS_LORAX_COMMAND", lorax.toString());
  }
}
