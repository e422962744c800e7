package org.odcsj.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepoFileTest {
  private static final String EXPECTED =
      """
      [odcs-42]
      name=ODCS repository for compose odcs-42
      baseurl=http://odcs.example.com/composes/odcs-42/compose/Temporary/$basearch/os
      type=rpm-md
      skip_if_unavailable=False
      gpgcheck=0
      repo_gpgcheck=0
      enabled=1
      enabled_metadata=1
      """;

  @Test
  void rendersExactlyWhatOdcsWrites() {
    assertEquals(
        EXPECTED,
        RepoFile.render("odcs-42", "http://odcs.example.com/composes/odcs-42/compose/Temporary"));
  }

  @Test
  void aTrailingSlashOnTheUrlDoesNotDoubleIt() {
    assertEquals(
        EXPECTED,
        RepoFile.render("odcs-42", "http://odcs.example.com/composes/odcs-42/compose/Temporary/"));
  }

  @Test
  void writesTheFile(@TempDir Path tmp) throws Exception {
    Path file = tmp.resolve("odcs-42.repo");
    RepoFile.write(file, "odcs-42", "http://odcs.example.com/composes/odcs-42/compose/Temporary");
    assertEquals(EXPECTED, Files.readString(file));
  }
}
