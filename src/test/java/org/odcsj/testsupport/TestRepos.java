package org.odcsj.testsupport;

import java.nio.file.Path;
import java.util.List;

/** Makes yum repositories with the real {@code createrepo_c}, for source repos and baselines. */
public final class TestRepos {
  private TestRepos() {}

  public static boolean createrepoAvailable() {
    return ProcessRunner.onPath("createrepo_c");
  }

  public static boolean dnfAvailable() {
    return ProcessRunner.onPath("dnf");
  }

  public static boolean rpmAvailable() {
    return ProcessRunner.onPath("rpm");
  }

  /** Runs {@code createrepo_c} on {@code dir} (default options: sha256, gz) and returns dir. */
  public static Path createrepo(Path dir) {
    return createrepo(dir, List.of());
  }

  /** Same with extra options, e.g. {@code List.of("--revision", "42")}. */
  public static Path createrepo(Path dir, List<String> options) {
    List<String> command =
        new java.util.ArrayList<>(List.of("createrepo_c", "--quiet", "--no-database"));
    command.addAll(options);
    command.add(dir.toString());
    ProcessRunner.run(command).orThrow();
    return dir;
  }
}
