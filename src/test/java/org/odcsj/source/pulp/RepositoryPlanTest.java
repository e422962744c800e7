package org.odcsj.source.pulp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.odcsj.source.SourceFailure;

class RepositoryPlanTest {
  private static final String MERGED = "http://odcs/composes/odcs-1/compose/Temporary";

  private static PulpRepository repo(String url, String arch, String sigkeys, String versions) {
    return PulpRepository.of(url, "cs", url, Set.of(arch), List.of(sigkeys.split(",")), versions);
  }

  @Test
  void aSingleRepositoryIsUsedAsIs() throws SourceFailure {
    RepositoryPlan plan =
        RepositoryPlan.of("cs", List.of(repo("http://p/a/x86_64/os", "x86_64", "k", null)), MERGED);
    assertEquals("http://p/a/x86_64/os", plan.url());
    assertEquals(Set.of("x86_64"), plan.arches());
    assertFalse(plan.isMerged());
  }

  @Test
  void repositoriesDifferingOnlyByArchBecomeOneBasearchUrl() throws SourceFailure {
    RepositoryPlan plan =
        RepositoryPlan.of(
            "cs",
            List.of(
                repo("http://p/a/x86_64/os", "x86_64", "k", null),
                repo("http://p/a/ppc64le/os", "ppc64le", "k", null)),
            MERGED);
    assertEquals("http://p/a/$basearch/os", plan.url());
    assertEquals(List.of("ppc64le", "x86_64"), List.copyOf(plan.arches()));
    assertEquals(List.of("k"), plan.sigkeys());
    assertFalse(plan.isMerged());
  }

  @Test
  void otherDifferencesMergeThePerArchRepositoriesUnderTheCompose() throws SourceFailure {
    RepositoryPlan plan =
        RepositoryPlan.of(
            "cs",
            List.of(
                repo("http://p/a/x86_64/os", "x86_64", "k1", null),
                repo("http://p/b/x86_64/os", "x86_64", "k2", null),
                repo("http://p/b/ppc64le/os", "ppc64le", "k2", null)),
            MERGED);
    assertTrue(plan.isMerged());
    assertEquals(MERGED + "/cs/$basearch", plan.url());
    assertEquals(
        Map.of(
            "x86_64", List.of("http://p/a/x86_64/os", "http://p/b/x86_64/os"),
            "ppc64le", List.of("http://p/b/ppc64le/os")),
        plan.merged());
    assertEquals(List.of("k1"), plan.sigkeys(), "the first repository's, as ODCS");
  }

  @Test
  void differentSigkeysAloneMeanAMerge() throws SourceFailure {
    RepositoryPlan plan =
        RepositoryPlan.of(
            "cs",
            List.of(
                repo("http://p/a/x86_64/os", "x86_64", "k1", null),
                repo("http://p/a/ppc64le/os", "ppc64le", "k2", null)),
            MERGED);
    assertTrue(plan.isMerged());
  }

  @Test
  void aRepositoryOfSeveralArchesAmongOthersFails() {
    PulpRepository two =
        PulpRepository.of("r", "cs", "http://p/r", Set.of("x86_64", "i686"), List.of(), null);
    SourceFailure f =
        assertThrows(
            SourceFailure.class,
            () ->
                RepositoryPlan.of(
                    "cs", List.of(two, repo("http://p/a/x86_64/os", "x86_64", "k", null)), MERGED));
    assertEquals(
        "Content set repository http://p/r does not have exactly 1 arch: {'i686', 'x86_64'}.",
        f.getMessage());
  }

  @Test
  void onlyTheHighestProductVersionIsKept() throws SourceFailure {
    RepositoryPlan plan =
        RepositoryPlan.of(
            "cs",
            List.of(
                repo("http://p/7.4/x86_64/os", "x86_64", "k", "[\"7.4\"]"),
                repo("http://p/7.6/x86_64/os", "x86_64", "k", "[\"7.6\"]"),
                repo("http://p/7.5/x86_64/os", "x86_64", "k", "7.5")),
            MERGED);
    assertEquals("http://p/7.6/x86_64/os", plan.url());
  }

  @Test
  void versionsAreComparedAsTextAsOdcsDoes() {
    List<PulpRepository> repos =
        List.of(
            repo("http://p/7.9/x86_64/os", "x86_64", "k", "7.9"),
            repo("http://p/7.10/x86_64/os", "x86_64", "k", "7.10"));
    assertEquals(
        List.of(repos.get(0)), RepositoryPlan.latestProductVersion(repos), "'9' > '10' as text");
  }

  @Test
  void versionsOfDifferentShapesOrArchesKeepAll() {
    List<PulpRepository> dots =
        List.of(
            repo("http://p/a/x86_64/os", "x86_64", "k", "7"),
            repo("http://p/b/x86_64/os", "x86_64", "k", "7.5"));
    assertEquals(dots, RepositoryPlan.latestProductVersion(dots));
    List<PulpRepository> arches =
        List.of(
            repo("http://p/a/x86_64/os", "x86_64", "k", "7.4"),
            repo("http://p/b/ppc64le/os", "ppc64le", "k", "7.5"));
    assertEquals(arches, RepositoryPlan.latestProductVersion(arches));
    List<PulpRepository> two =
        List.of(
            repo("http://p/a/x86_64/os", "x86_64", "k", "[\"7.4\", \"7.5\"]"),
            repo("http://p/b/x86_64/os", "x86_64", "k", "7.5"));
    assertEquals(two, RepositoryPlan.latestProductVersion(two));
  }

  @Test
  void repoFileListsOneBlockPerNameSortedAsOdcsWritesIt() throws SourceFailure {
    RepositoryPlan b =
        RepositoryPlan.of("b-set", List.of(repo("http://p/b/x86_64/os", "x86_64", "k", null)), "");
    RepositoryPlan a =
        RepositoryPlan.of(
            "a-set",
            List.of(
                repo("http://p/a/x86_64/os", "x86_64", "k", null),
                repo("http://p/a/s390x/os", "s390x", "k", null)),
            "");
    assertEquals(
        "\n[a-set]\nname=a-set\nbaseurl=http://p/a/$basearch/os\nenabled=1\ngpgcheck=0\n"
            + "\n[b-set]\nname=b-set\nbaseurl=http://p/b/x86_64/os\nenabled=1\ngpgcheck=0\n",
        PulpRepoFile.render(List.of(b, a), false));
    assertEquals(
        "\n[a-set]\nname=a-set\nbaseurl=http://p/a/$basearch/os\nenabled=1\ngpgcheck=0\n"
            + "skip_if_unavailable=1\n"
            + "\n[b-set]\nname=b-set\nbaseurl=http://p/b/$basearch/os\nenabled=1\ngpgcheck=0\n"
            + "skip_if_unavailable=1\n",
        PulpRepoFile.render(List.of(b, a), true));
  }

  @Test
  void missingSourcesAreNamedAsOdcsNamesThem() {
    assertEquals(
        "Failed to find all the source(s) ['x', 'a'] in Pulp, found only ['a']",
        PulpLookup.missingMessage(List.of("x", "a"), Set.of("a")));
    assertEquals(
        "Failed to find all the source(s) ['x'] in Pulp, found only []",
        PulpLookup.missingMessage(List.of("x"), Set.of()));
  }

  @Test
  void credentialsInThePulpUrlNeverReachRepositoryUrls() {
    PulpSettings s =
        new PulpSettings(
            java.net.URI.create("https://u:pw@pulp.example.com/"), "u", "pw", PulpSettings.TIMEOUT);
    assertEquals("https://pulp.example.com", s.base());
    assertFalse(s.toString().contains("pw"));
  }
}
