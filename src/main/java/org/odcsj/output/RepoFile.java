package org.odcsj.output;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The compose's {@code odcs-<id>.repo} file, exactly as ODCS writes it, so existing clients that
 * fetch {@code result_repofile} keep working.
 */
public final class RepoFile {
  private RepoFile() {}

  /**
   * The file's text for compose {@code odcs-<id>} whose {@code result_repo} URL is {@code
   * resultRepoUrl} (a trailing slash is dropped); one setting per line, ending with a newline.
   */
  public static String render(String composeName, String resultRepoUrl) {
    String base = resultRepoUrl.replaceAll("/+$", "");
    return "["
        + composeName
        + "]\n"
        + "name=ODCS repository for compose "
        + composeName
        + "\n"
        + "baseurl="
        + base
        + "/$basearch/os\n"
        + "type=rpm-md\n"
        + "skip_if_unavailable=False\n"
        + "gpgcheck=0\n"
        + "repo_gpgcheck=0\n"
        + "enabled=1\n"
        + "enabled_metadata=1\n";
  }

  public static void write(Path file, String composeName, String resultRepoUrl) throws IOException {
    Files.writeString(file, render(composeName, resultRepoUrl), StandardCharsets.UTF_8);
  }
}
