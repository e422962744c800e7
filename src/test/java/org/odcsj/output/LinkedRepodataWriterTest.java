package org.odcsj.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.source.repo.RepoPackage;
import org.odcsj.source.repo.YumRepositoryContent;
import org.odcsj.source.repo.YumRepositoryReader;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

class LinkedRepodataWriterTest {
  @TempDir Path tmp;

  private static Path repo(Path dir, TestRpms... rpms) {
    for (TestRpms r : rpms) {
      r.build(dir.resolve("Packages"));
    }
    return TestRepos.createrepo(dir);
  }

  private static LinkedRepodataWriter.Key key(RepoPackage p) {
    return new LinkedRepodataWriter.Key(
        p.source().checksum(), p.source().name(), p.source().arch());
  }

  private static Set<LinkedRepodataWriter.Key> keys(YumRepositoryContent c, String... names) {
    Set<String> wanted = Set.of(names);
    return c.packages().stream()
        .filter(p -> wanted.contains(p.source().name()))
        .map(LinkedRepodataWriterTest::key)
        .collect(Collectors.toSet());
  }

  @Test
  void keptEntriesAreCopiedAsTheyAreWithLocationsPointingBackAtTheirSource() throws IOException {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c makes the source repositories");
    Path a =
        repo(
            tmp.resolve("a"),
            TestRpms.builder("one", "1.0", "1", "x86_64").file("/usr/share/one", "1\n"),
            TestRpms.builder("two", "1.0", "1", "noarch")
                .changelog(TestRpms.BUILD_TIME, "Dev <dev@example.com> - 1.0-1", "- first"));
    Path b = repo(tmp.resolve("b"), TestRpms.builder("three", "2.0", "1", "x86_64"));
    YumRepositoryContent ca = YumRepositoryReader.readWithDetails(a);
    YumRepositoryContent cb = YumRepositoryReader.readWithDetails(b);

    Path out = tmp.resolve("merged/x86_64");
    int n =
        LinkedRepodataWriter.write(
            out.resolve("repodata"),
            List.of(
                new LinkedRepodataWriter.Linked(ca.repodata(), "http://pulp/a/", keys(ca, "two")),
                new LinkedRepodataWriter.Linked(
                    cb.repodata(), "http://pulp/b/", keys(cb, "three"))));
    assertEquals(2, n);

    for (String type : List.of("filelists", "other")) {
      Map<String, List<String>> merged = RepodataDump.packages(RepodataDump.file(out, type));
      Map<String, List<String>> expected = new java.util.TreeMap<>();
      expected.putAll(RepodataDump.packages(RepodataDump.file(a, type)));
      expected.putAll(RepodataDump.packages(RepodataDump.file(b, type)));
      expected.keySet().retainAll(merged.keySet());
      assertEquals(2, merged.size(), type);
      assertEquals(expected, merged, type);
    }
    Map<String, List<String>> primary = RepodataDump.packages(RepodataDump.file(out, "primary"));
    assertEquals(2, primary.size());
    String two =
        key(ca.packages().stream()
                .filter(p -> p.source().name().equals("two"))
                .findFirst()
                .orElseThrow())
            .sha256();
    List<String> location = primary.get(two).stream().filter(l -> l.contains("location")).toList();
    assertEquals(1, location.size(), primary.get(two).toString());
    String line = location.get(0);
    assertEquals(true, line.contains("base=http://pulp/a/"), line);
    assertEquals(true, line.contains("href=Packages/two-1.0-1.noarch.rpm"), line);
    List<String> withoutLocation =
        primary.get(two).stream().filter(l -> !l.contains("location")).toList();
    assertEquals(
        RepodataDump.packages(RepodataDump.file(a, "primary")).get(two).stream()
            .filter(l -> !l.contains("location"))
            .toList(),
        withoutLocation);
    assertFalse(Files.exists(out.resolve(".repodata")), "written aside, moved in");
  }

  @Test
  void aKeptPackageTheMetadataDoesNotListFailsAndLeavesNothing() throws IOException {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c makes the source repositories");
    Path a = repo(tmp.resolve("a"), TestRpms.builder("one", "1.0", "1", "x86_64"));
    YumRepositoryContent ca = YumRepositoryReader.readWithDetails(a);
    Path out = tmp.resolve("merged/x86_64/repodata");
    assertThrows(
        IOException.class,
        () ->
            LinkedRepodataWriter.write(
                out,
                List.of(
                    new LinkedRepodataWriter.Linked(
                        ca.repodata(),
                        "http://pulp/a/",
                        Set.of(new LinkedRepodataWriter.Key("00ff", "ghost", "x86_64"))))));
    assertFalse(Files.exists(out));
  }
}
