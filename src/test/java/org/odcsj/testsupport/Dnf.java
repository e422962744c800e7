package org.odcsj.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real dnf as a consumer of a repository, isolated from the host: a private dnf.conf ({@code
 * best=True}, {@code skip_if_unavailable=False}, so failures are not hidden as Debian's defaults
 * would), a private reposdir holding only the repos a test adds, a throwaway installroot, and
 * {@code --forcearch}/{@code --releasever} so the host's arch and release do not leak in.
 *
 * <pre>
 * Dnf dnf = Dnf.create(tmp.resolve("dnf"), "x86_64").addRepoFile(composeRepoFile);
 * dnf.install("hello").orThrow();
 * assertTrue(dnf.isInstalled("hello"));
 * </pre>
 */
public final class Dnf {
  private final Path root;
  private final Path reposDir;
  private final Path config;
  private final Path cacheDir;
  private final String arch;

  private Dnf(Path workDir, String arch) throws IOException {
    this.root = Files.createDirectories(workDir.resolve("root"));
    this.reposDir = Files.createDirectories(workDir.resolve("repos.d"));
    this.cacheDir = Files.createDirectories(workDir.resolve("cache"));
    this.config = workDir.resolve("dnf.conf");
    this.arch = arch;
    Files.writeString(
        config,
        String.join(
            "\n",
            "[main]",
            "best=True",
            "skip_if_unavailable=False",
            "gpgcheck=0",
            "repo_gpgcheck=0",
            "install_weak_deps=False",
            "keepcache=False",
            "reposdir=" + reposDir,
            "cachedir=" + cacheDir,
            "logdir=" + workDir.resolve("log"),
            "persistdir=" + workDir.resolve("persist"),
            "plugins=False",
            ""));
  }

  /** A dnf for one arch with its own installroot under {@code workDir} (created if missing). */
  public static Dnf create(Path workDir, String arch) {
    try {
      return new Dnf(workDir.toAbsolutePath(), arch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean available() {
    return ProcessRunner.onPath("dnf") && ProcessRunner.onPath("rpm");
  }

  /** Copies a .repo file (e.g. the service's {@code odcs-<id>.repo}) into the private reposdir. */
  public Dnf addRepoFile(Path repoFile) {
    try {
      Files.copy(repoFile, reposDir.resolve(repoFile.getFileName().toString()));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Adds a repo by baseurl ({@code file:///…} or {@code http://…}), gpgcheck off. */
  public Dnf addRepo(String id, String baseurl) {
    return addRepo(id, baseurl, false);
  }

  /** With gpgcheck on, import the key first ({@link #importKey}). */
  public Dnf addRepo(String id, String baseurl, boolean gpgcheck) {
    String text =
        String.join(
            "\n",
            "[" + id + "]",
            "name=" + id,
            "baseurl=" + baseurl,
            "enabled=1",
            "gpgcheck=" + (gpgcheck ? 1 : 0),
            "skip_if_unavailable=False",
            "");
    try {
      Files.writeString(reposDir.resolve(id + ".repo"), text);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Imports a public key into the installroot's rpmdb (a gpgkey= line alone did not). */
  public Dnf importKey(Path armoredKey) {
    ProcessRunner.run(
            List.of("rpmkeys", "--root", root.toString(), "--import", armoredKey.toString()))
        .orThrow();
    return this;
  }

  /**
   * {@code dnf -y install NAMES…} into the installroot; check {@code ok()} or {@code orThrow()}.
   */
  public ProcessRunner.Result install(String... names) {
    List<String> args = new ArrayList<>(List.of("-y", "install"));
    args.addAll(List.of(names));
    return run(args);
  }

  /**
   * Any dnf command with this helper's isolation options, e.g. {@code run(List.of("repoquery"))}.
   */
  public ProcessRunner.Result run(List<String> args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "dnf",
                "--config=" + config,
                "--installroot=" + root,
                "--forcearch=" + arch,
                "--releasever=1",
                "--setopt=cachedir=" + cacheDir,
                "--setopt=reposdir=" + reposDir,
                "--disableplugin=*",
                "--quiet"));
    command.addAll(args);
    return ProcessRunner.run(command);
  }

  /** Whether {@code rpm --root ROOT -q NAME} finds the package installed. */
  public boolean isInstalled(String name) {
    return query(name).ok();
  }

  /** {@code rpm --root ROOT -q NAME}: prints the installed NEVRA(s), exit code 1 if none. */
  public ProcessRunner.Result query(String name) {
    return ProcessRunner.run(List.of("rpm", "--root", root.toString(), "-q", name));
  }

  public Path installRoot() {
    return root;
  }
}
