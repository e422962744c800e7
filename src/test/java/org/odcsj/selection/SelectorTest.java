package org.odcsj.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.odcsj.selection.Pkg.candidate;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.odcsj.selection.Selection.Reason;
import org.odcsj.selection.Selection.SelectedPackage;

class SelectorTest {

  private static List<String> nevras(Selection s, String arch) {
    return s.packages(arch).stream().map(p -> p.nevra().toString()).toList();
  }

  private static Selection select(List<Candidate> candidates, SelectionRequest.Builder request)
      throws Exception {
    return Selector.select(candidates, request.build());
  }

  // --- package set: newest per name+arch, binary only ---

  @Test
  void keepsTheNewestEvrOfEachNameAndArchHonouringEpochs() throws Exception {
    List<Candidate> set =
        List.of(
            candidate("foo-1.0-1.x86_64"),
            candidate("foo-1.0-10.x86_64"),
            candidate("foo-1.0-9.x86_64"),
            candidate("bar-1:0.1-1.noarch"),
            candidate("bar-9.9-1.noarch"),
            candidate("baz-1.0~rc1-1.x86_64"),
            candidate("baz-1.0-1.x86_64"));
    assertEquals(
        List.of("bar-1:0.1-1.noarch", "baz-1.0-1.x86_64", "foo-1.0-10.x86_64"),
        nevras(select(set, SelectionRequest.forArches("x86_64")), "x86_64"));
  }

  @Test
  void eachArchGetsItsOwnPackagesAndNoarchButNoSourceOrDebugPackages() throws Exception {
    List<Candidate> set =
        List.of(
            candidate("foo-1.0-1.x86_64"),
            candidate("foo-1.0-1.aarch64"),
            candidate("foo-1.0-1.i686"),
            candidate("foo-1.0-1.src"),
            candidate("foo-debuginfo-1.0-1.x86_64"),
            candidate("foo-debugsource-1.0-1.x86_64"),
            candidate("nosrc-thing-1-1.nosrc"),
            candidate("data-1-1.noarch"));
    Selection s = select(set, SelectionRequest.forArches("x86_64", "aarch64"));
    assertEquals(List.of("data-1-1.noarch", "foo-1.0-1.x86_64"), nevras(s, "x86_64"));
    assertEquals(List.of("data-1-1.noarch", "foo-1.0-1.aarch64"), nevras(s, "aarch64"));
  }

  @Test
  void thirtyTwoBitX86ReposTakeTheOlderX86Arches() throws Exception {
    List<Candidate> set = List.of(candidate("a-1-1.i686"), candidate("b-1-1.i386"));
    assertEquals(
        List.of("a-1-1.i686", "b-1-1.i386"),
        nevras(select(set, SelectionRequest.forArches("i686")), "i686"));
  }

  // --- packages ---

  @Test
  void onlyTheRequestedNamesAndTheirDependenciesNotOtherSubpackages() throws Exception {
    List<Candidate> set =
        List.of(
            Pkg.of("foo-1.0-1.x86_64").requires("foo-libs = 1.0-1").build(),
            candidate("foo-libs-1.0-1.x86_64"),
            candidate("foo-devel-1.0-1.x86_64"),
            candidate("unrelated-1-1.noarch"));
    Selection s = select(set, SelectionRequest.forArches("x86_64").packages("foo"));
    assertEquals(List.of("foo-1.0-1.x86_64", "foo-libs-1.0-1.x86_64"), nevras(s, "x86_64"));
    assertEquals(
        List.of(Reason.REQUESTED, Reason.DEPENDENCY),
        s.packages("x86_64").stream().map(SelectedPackage::reason).toList());
  }

  @Test
  void noDepsTakesOnlyWhatIsNamedAndReportsWhatIsMissing() throws Exception {
    List<Candidate> set =
        List.of(Pkg.of("foo-1.0-1.x86_64").requires("bar").build(), candidate("bar-1-1.x86_64"));
    Selection s = select(set, SelectionRequest.forArches("x86_64").packages("foo").noDeps(true));
    assertEquals(List.of("foo-1.0-1.x86_64"), nevras(s, "x86_64"));
    assertEquals(
        List.of("foo-1.0-1.x86_64 requires bar"),
        s.unmetRequirements().stream().map(Object::toString).toList());
  }

  @Test
  void packageNamesMayBeGlobs() throws Exception {
    List<Candidate> set =
        List.of(
            candidate("python3-a-1-1.noarch"),
            candidate("python3-b-1-1.x86_64"),
            candidate("perl-c-1-1.noarch"));
    assertEquals(
        List.of("python3-a-1-1.noarch", "python3-b-1-1.x86_64"),
        nevras(select(set, SelectionRequest.forArches("x86_64").packages("python3-*")), "x86_64"));
  }

  @Test
  void requestedPackagesMissingFromTheComposeFailNamingThemInRequestOrder() {
    List<Candidate> set = List.of(candidate("foo-1-1.x86_64"), candidate("ppc-only-1-1.ppc64le"));
    SelectionException e =
        assertThrows(
            SelectionException.class,
            () ->
                select(
                    set,
                    SelectionRequest.forArches("x86_64").packages("zzz", "foo", "ppc-only", "a*")));
    assertEquals(
        "The following requested packages are not present in the generated compose: "
            + "zzz ppc-only a*.",
        e.getMessage());
    assertEquals(SelectionException.Kind.MISSING_PACKAGES, e.kind());
  }

  @Test
  void aNameMissingOnlyInOneArchIsAWarningNotAFailure() throws Exception {
    List<Candidate> set = List.of(candidate("foo-1-1.x86_64"));
    Selection s = select(set, SelectionRequest.forArches("x86_64", "aarch64").packages("foo"));
    assertEquals(List.of(), nevras(s, "aarch64"));
    assertEquals(List.of("no package matches foo for aarch64"), s.warnings());
  }

  // --- dependencies ---

  @Test
  void versionedRequirementsPickAProviderInRangeAndFailOtherwise() throws Exception {
    List<Candidate> set =
        List.of(
            Pkg.of("app-1-1.x86_64").requires("lib >= 2.0", "tool < 1:0").build(),
            Pkg.of("lib-1.5-1.x86_64").build(),
            Pkg.of("lib-compat-3-1.x86_64").provides("lib = 2.1").build(),
            candidate("tool-1:1.0-1.x86_64"));
    Selection s = select(set, SelectionRequest.forArches("x86_64").packages("app"));
    assertEquals(List.of("app-1-1.x86_64", "lib-compat-3-1.x86_64"), nevras(s, "x86_64"));
    assertEquals(
        List.of("app-1-1.x86_64 requires tool < 1:0"),
        s.unmetRequirements().stream().map(Object::toString).toList());
  }

  @Test
  void fileRequirementsAndSonamesAreResolved() throws Exception {
    List<Candidate> set =
        List.of(
            Pkg.of("app-1-1.x86_64").requires("/usr/bin/python3", "libfoo.so.1()(64bit)").build(),
            Pkg.of("python3-3.12-1.x86_64").files("/usr/bin/python3", "/usr/lib64/x").build(),
            Pkg.of("libfoo-1-1.x86_64").provides("libfoo.so.1()(64bit)").build(),
            Pkg.of("libfoo-1-1.i686").provides("libfoo.so.1").build());
    Selection s =
        select(
            set,
            SelectionRequest.forArches("x86_64").packages("app").multilib(Set.of("x86_64"), 0));
    assertEquals(
        List.of("app-1-1.x86_64", "libfoo-1-1.x86_64", "python3-3.12-1.x86_64"),
        nevras(s, "x86_64"));
  }

  @Test
  void theProviderIsChosenAsDnfWouldSameArchThenNoarchThenCompatThenSameNameThenNewest()
      throws Exception {
    List<Candidate> set =
        List.of(
            Pkg.of("app-1-1.x86_64").requires("web", "editor", "shell", "font").build(),
            // web: noarch provider beats the compat-arch one
            Pkg.of("web-compat-1-1.i686").provides("web").build(),
            Pkg.of("web-noarch-1-1.noarch").provides("web").build(),
            // editor: same arch beats noarch, even when older
            Pkg.of("vi-1-1.noarch").provides("editor").build(),
            Pkg.of("ed-0.1-1.x86_64").provides("editor").build(),
            // shell: the package named like the capability beats a newer other one
            Pkg.of("zsh-9-1.x86_64").provides("shell").build(),
            Pkg.of("shell-1-1.x86_64").build(),
            // font: the newest provider
            Pkg.of("font-a-1-1.noarch").provides("font").build(),
            Pkg.of("font-b-2-1.noarch").provides("font").build());
    Selection s =
        select(
            set,
            SelectionRequest.forArches("x86_64")
                .packages("app")
                .multilib(Set.of("x86_64"), MultilibMethod.DEVEL.bit()));
    assertEquals(
        List.of(
            "app-1-1.x86_64",
            "ed-0.1-1.x86_64",
            "font-b-2-1.noarch",
            "shell-1-1.x86_64",
            "web-noarch-1-1.noarch"),
        nevras(s, "x86_64"));
  }

  @Test
  void aRequirementAlreadyMetBringsNothingElse() throws Exception {
    List<Candidate> set =
        List.of(
            Pkg.of("app-1-1.x86_64").requires("a", "mta").build(),
            Pkg.of("a-1-1.x86_64").provides("mta").build(),
            Pkg.of("mta-1-1.x86_64").build());
    assertEquals(
        List.of("a-1-1.x86_64", "app-1-1.x86_64"),
        nevras(select(set, SelectionRequest.forArches("x86_64").packages("app")), "x86_64"));
  }

  @Test
  void richDependenciesOrIfAndWith() throws Exception {
    List<Candidate> set =
        List.of(
            Pkg.of("app-1-1.x86_64")
                .requires(
                    "(missing or alt >= 2)",
                    "(plugin if gui)",
                    "(docs if nothing-selects-this)",
                    "(lib with lib(abi) = 3)")
                .build(),
            Pkg.of("alt-1-1.noarch").build(),
            Pkg.of("alt2-2-1.noarch").provides("alt = 2").build(),
            Pkg.of("gui-1-1.x86_64").requires("app").build(),
            candidate("plugin-1-1.x86_64"),
            candidate("docs-1-1.noarch"),
            Pkg.of("lib-a-1-1.x86_64").provides("lib", "lib(abi) = 2").build(),
            Pkg.of("lib-b-1-1.x86_64").provides("lib", "lib(abi) = 3").build());
    assertEquals(
        List.of("alt2-2-1.noarch", "app-1-1.x86_64", "lib-b-1-1.x86_64"),
        nevras(select(set, SelectionRequest.forArches("x86_64").packages("app")), "x86_64"));
    // gui selected too: the condition holds, so the plugin follows (even though gui came later)
    assertEquals(
        List.of(
            "alt2-2-1.noarch",
            "app-1-1.x86_64",
            "gui-1-1.x86_64",
            "lib-b-1-1.x86_64",
            "plugin-1-1.x86_64"),
        nevras(select(set, SelectionRequest.forArches("x86_64").packages("app", "gui")), "x86_64"));
  }

  @Test
  void lookasidePackagesMeetRequirementsButAreNeverSelected() throws Exception {
    List<Candidate> set =
        List.of(
            Pkg.of("app-1-1.x86_64").requires("base >= 2", "/usr/bin/sh").build(),
            candidate("base-2-1.x86_64"),
            Pkg.of("bash-5-1.x86_64").files("/usr/bin/sh").build());
    List<Candidate> lookaside =
        List.of(
            candidate("base-3-1.x86_64"), Pkg.of("dash-1-1.x86_64").files("/usr/bin/sh").build());
    Selection s =
        select(
            set,
            SelectionRequest.forArches("x86_64")
                .packages("app")
                .checkDeps(true)
                .lookaside("x86_64", lookaside));
    assertEquals(List.of("app-1-1.x86_64"), nevras(s, "x86_64"));
    assertEquals(List.of(), s.unmetRequirements());
  }

  @Test
  void checkDepsFailsListingEveryUnmetRequirementSorted() {
    List<Candidate> set =
        List.of(
            Pkg.of("b-1-1.x86_64").requires("zlib", "(x or y)").build(),
            Pkg.of("a-1-1.noarch").requires("libz.so.1()(64bit)", "python3 >= 3.12").build(),
            Pkg.of("python3-3.11-1.x86_64").build());
    SelectionException e =
        assertThrows(
            SelectionException.class,
            () ->
                select(
                    set,
                    SelectionRequest.forArches("x86_64", "aarch64")
                        .packages("a", "b")
                        .checkDeps(true)));
    assertEquals(SelectionException.Kind.UNMET_DEPENDENCIES, e.kind());
    assertEquals(
        "Unresolved dependencies detected: a-1-1.noarch requires libz.so.1()(64bit), "
            + "a-1-1.noarch requires python3 >= 3.12, b-1-1.x86_64 requires (x or y), "
            + "b-1-1.x86_64 requires zlib",
        e.getMessage());
  }

  @Test
  void aLongListOfUnmetRequirementsIsCapped() {
    Pkg app = Pkg.of("app-1-1.x86_64");
    for (int i = 0; i < 60; i++) {
      app.requires(String.format("missing%02d", i));
    }
    SelectionException e =
        assertThrows(
            SelectionException.class,
            () ->
                select(List.of(app.build()), SelectionRequest.forArches("x86_64").checkDeps(true)));
    assertTrue(
        e.getMessage().endsWith("app-1-1.x86_64 requires missing49 and 10 more"), e.getMessage());
    assertEquals(60, e.details().size());
  }

  @Test
  void withoutCheckDepsUnmetRequirementsAreOnlyReported() throws Exception {
    Selection s =
        select(
            List.of(Pkg.of("app-1-1.x86_64").requires("gone").build()),
            SelectionRequest.forArches("x86_64"));
    assertEquals(List.of("app-1-1.x86_64"), nevras(s, "x86_64"));
    assertEquals(1, s.unmetRequirements().size());
  }

  // --- multilib ---

  private static List<Candidate> multilibSet() {
    return List.of(
        Pkg.of("glibc-2.39-1.x86_64")
            .files("/usr/lib64/libc.so.6")
            .provides("libc.so.6()(64bit)")
            .build(),
        Pkg.of("glibc-2.39-1.i686").files("/usr/lib/libc.so.6").provides("libc.so.6").build(),
        Pkg.of("zlib-1.3-1.x86_64")
            .files("/usr/lib64/libz.so.1.3")
            .provides("zlib(x86-64) = 1.3-1")
            .build(),
        Pkg.of("zlib-1.3-1.i686")
            .files("/usr/lib/libz.so.1.3", "/usr/share/doc/zlib/README")
            .provides("zlib(x86-32) = 1.3-1")
            .requires("libc.so.6")
            .build(),
        Pkg.of("zlib-devel-1.3-1.x86_64").requires("zlib(x86-64) = 1.3-1").build(),
        Pkg.of("zlib-devel-1.3-1.i686").requires("zlib(x86-32) = 1.3-1").build(),
        Pkg.of("tool-1-1.x86_64").files("/usr/bin/tool").build(),
        Pkg.of("tool-1-1.i686").files("/usr/bin/tool", "/usr/lib/tool/plugin.so.1").build(),
        candidate("only32-1-1.i686"));
  }

  @Test
  void runtimeMultilibAddsCompatLibrariesAndTheCompatProvidersTheyNeed() throws Exception {
    Selection s =
        select(
            multilibSet(),
            SelectionRequest.forArches("x86_64")
                .packages("zlib", "tool")
                .multilib(Set.of("x86_64"), 1));
    assertEquals(
        List.of("glibc-2.39-1.i686", "tool-1-1.x86_64", "zlib-1.3-1.i686", "zlib-1.3-1.x86_64"),
        nevras(s, "x86_64"));
    assertEquals(
        List.of(Reason.DEPENDENCY, Reason.REQUESTED, Reason.MULTILIB, Reason.REQUESTED),
        s.packages("x86_64").stream().map(SelectedPackage::reason).toList());
  }

  @Test
  void develMultilibAddsCompatDevelPackagesAndTheirDependencies() throws Exception {
    Selection s =
        select(
            multilibSet(),
            SelectionRequest.forArches("x86_64")
                .packages("zlib-devel")
                .multilib(Set.of("x86_64"), 2));
    assertEquals(
        List.of(
            "glibc-2.39-1.i686",
            "zlib-1.3-1.i686",
            "zlib-1.3-1.x86_64",
            "zlib-devel-1.3-1.i686",
            "zlib-devel-1.3-1.x86_64"),
        nevras(s, "x86_64"));
  }

  @Test
  void allMultilibTakesEveryCompatPackageAndOnlyOnMultilibArches() throws Exception {
    Selection s =
        select(
            multilibSet(),
            SelectionRequest.forArches("x86_64", "aarch64").multilib(Set.of("x86_64"), 4));
    assertEquals(
        List.of(
            "glibc-2.39-1.i686",
            "only32-1-1.i686",
            "tool-1-1.i686",
            "zlib-1.3-1.i686",
            "zlib-devel-1.3-1.i686"),
        nevras(s, "x86_64").stream().filter(n -> n.endsWith(".i686")).toList());
    assertEquals(List.of(), nevras(s, "aarch64"));
    Selection noMultilib = select(multilibSet(), SelectionRequest.forArches("x86_64"));
    assertEquals(4, noMultilib.packages("x86_64").size());
  }

  @Test
  void combinedMethodsAndNoMultilibForRequestsWithoutIt() throws Exception {
    Selection s =
        select(
            multilibSet(),
            SelectionRequest.forArches("x86_64")
                .packages("zlib-devel", "tool")
                .multilib(Set.of("x86_64"), 3));
    assertEquals(
        List.of(
            "glibc-2.39-1.i686",
            "tool-1-1.x86_64",
            "zlib-1.3-1.i686",
            "zlib-1.3-1.x86_64",
            "zlib-devel-1.3-1.i686",
            "zlib-devel-1.3-1.x86_64"),
        nevras(s, "x86_64"));
  }

  // --- sigkeys ---

  @Test
  void theCopySignedByTheEarliestKeyIsChosen() throws Exception {
    List<Candidate> set =
        List.of(
            Pkg.of("foo-1-1.x86_64").sigkey("").build(),
            Pkg.of("foo-1-1.x86_64").sigkey("BBBB2222").build(),
            Pkg.of("foo-1-1.x86_64").sigkey("aaaa1111").build());
    Selection s = select(set, SelectionRequest.forArches("x86_64").sigkeys("AAAA1111", "bbbb2222"));
    assertEquals("aaaa1111", s.packages("x86_64").get(0).candidate().sigkey().get());
    Selection unsignedOk =
        select(set, SelectionRequest.forArches("x86_64").sigkeys("", "aaaa1111"));
    assertEquals("", unsignedOk.packages("x86_64").get(0).candidate().sigkey().get());
  }

  @Test
  void packagesWithoutAnAcceptableCopyFailTheSelection() {
    List<Candidate> set =
        List.of(
            Pkg.of("foo-1-1.x86_64").sigkey("").build(),
            Pkg.of("bar-1-1.noarch").sigkey("cccc3333").build(),
            Pkg.of("ok-1-1.noarch").sigkey("0123abcd").build());
    SelectionException e =
        assertThrows(
            SelectionException.class,
            () -> select(set, SelectionRequest.forArches("x86_64").sigkeys("0123ABCD", "")));
    assertEquals(
        "the following packages are not signed by any of the keys 0123abcd, <unsigned>: "
            + "bar-1-1.noarch",
        e.getMessage());
    SelectionException strict =
        assertThrows(
            SelectionException.class,
            () -> select(set, SelectionRequest.forArches("x86_64").sigkeys("0123abcd")));
    assertEquals(
        "the following packages are not signed by any of the keys 0123abcd: "
            + "bar-1-1.noarch, foo-1-1.x86_64",
        strict.getMessage());
  }

  @Test
  void sigkeysAreReadOnlyForSelectedPackagesAndOnlyWhenAsked() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    List<Candidate> set = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      set.add(
          Pkg.of("p" + i + "-1-1.x86_64")
              .sigkey(
                  LazySigkey.readWith(
                      () -> {
                        reads.incrementAndGet();
                        return "AAAA1111";
                      }))
              .build());
    }
    select(set, SelectionRequest.forArches("x86_64").packages("p1", "p2"));
    assertEquals(0, reads.get());
    select(set, SelectionRequest.forArches("x86_64").packages("p1", "p2").sigkeys("aaaa1111"));
    assertEquals(2, reads.get());
  }

  @Test
  void aSourceFailingToReadASigkeyIsAnIoError() {
    List<Candidate> set =
        List.of(
            Pkg.of("foo-1-1.x86_64")
                .sigkey(
                    LazySigkey.readWith(
                        () -> {
                          throw new IOException("disk gone");
                        }))
                .build());
    IOException e =
        assertThrows(
            IOException.class,
            () -> select(set, SelectionRequest.forArches("x86_64").sigkeys("aaaa1111")));
    assertEquals("disk gone", e.getMessage());
  }
}
