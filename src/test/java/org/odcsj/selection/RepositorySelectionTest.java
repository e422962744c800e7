package org.odcsj.selection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.output.RepositoryWriter;
import org.odcsj.source.repo.YumRepositorySource;
import org.odcsj.testsupport.Dnf;
import org.odcsj.testsupport.TestKey;
import org.odcsj.testsupport.TestRepos;
import org.odcsj.testsupport.TestRpms;

/** Real RPMs, a createrepo_c source, our reader and selector, our writer, and dnf installing. */
class RepositorySelectionTest {
  @TempDir Path tmp;

  private Path sourceRepo(TestKey key) {
    Path repo = tmp.resolve("source");
    TestRpms.builder("app", "1.0", "1", "x86_64")
        .requires("libgreet.so.1()(64bit)")
        .requires("/usr/share/app-data/greeting")
        .file("/usr/bin/app", "#!/bin/true\n")
        .signedWith(key)
        .build(repo);
    TestRpms.builder("app", "0.9", "1", "x86_64").file("/usr/bin/app", "old").build(repo);
    TestRpms.builder("app-data", "1.0", "1", "noarch")
        .file("/usr/share/app-data/greeting", "hello\n")
        .signedWith(key)
        .build(repo);
    for (String arch : List.of("x86_64", "i686")) {
      String libdir = arch.equals("x86_64") ? "/usr/lib64" : "/usr/lib";
      TestRpms.builder("libgreet", "2.0", "1", arch)
          .provides(arch.equals("x86_64") ? "libgreet.so.1()(64bit)" : "libgreet.so.1")
          .file(libdir + "/libgreet.so.1", "elf-" + arch)
          .signedWith(key)
          .build(repo);
    }
    TestRpms.builder("libgreet-debuginfo", "2.0", "1", "x86_64").build(repo);
    TestRpms.builder("libgreet", "2.0", "1", "src").build(repo);
    TestRpms.builder("other", "1.0", "1", "x86_64").build(repo);
    return TestRepos.createrepo(repo);
  }

  @Test
  void aMultilibSelectionFromARealRepositoryInstallsWithDnf() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    TestKey key = TestKey.generate("Compose key <key@example.com>");
    Path source = sourceRepo(key);

    Selection selection =
        Selector.select(
            new YumRepositorySource(source).candidates(),
            SelectionRequest.forArches("x86_64")
                .packages("app")
                .multilib(Set.of("x86_64"), MultilibMethod.RUNTIME.bit())
                .sigkeys(key.sigkey().toUpperCase())
                .checkDeps(true)
                .build());

    List<Selection.SelectedPackage> packages = selection.packages("x86_64");
    assertEquals(
        List.of(
            "app-1.0-1.x86_64",
            "app-data-1.0-1.noarch",
            "libgreet-2.0-1.i686",
            "libgreet-2.0-1.x86_64"),
        packages.stream().map(p -> p.nevra().toString()).toList());
    for (Selection.SelectedPackage p : packages) {
      assertEquals(key.sigkey(), p.candidate().sigkey().get());
    }

    assumeTrue(Dnf.available(), "dnf not installed");
    Path os = tmp.resolve("compose/x86_64/os");
    RepositoryWriter writer = new RepositoryWriter(os);
    writer.addPackages(packages.stream().map(p -> Path.of(p.candidate().location())).toList());
    writer.finish();
    Dnf dnf = Dnf.create(tmp.resolve("dnf"), "x86_64").addRepo("compose", os.toUri().toString());
    dnf.install("app", "libgreet.i686").orThrow();
    assertTrue(dnf.isInstalled("app-1.0-1.x86_64"));
    assertTrue(dnf.isInstalled("libgreet-2.0-1.i686"));
    assertTrue(dnf.isInstalled("libgreet-2.0-1.x86_64"));
  }

  @Test
  void anUnsignedSelectedPackageFailsNamingItAndTheKeys() throws Exception {
    assumeTrue(TestRepos.createrepoAvailable(), "createrepo_c not installed");
    TestKey key = TestKey.generate("Compose key <key@example.com>");
    Path source = sourceRepo(key);
    SelectionException e =
        assertThrows(
            SelectionException.class,
            () ->
                Selector.select(
                    new YumRepositorySource(source).candidates(),
                    SelectionRequest.forArches("x86_64")
                        .packages("app", "other")
                        .sigkeys(key.sigkey())
                        .build()));
    assertEquals(
        "the following packages are not signed by any of the keys "
            + key.sigkey()
            + ": other-1.0-1.x86_64",
        e.getMessage());
  }
}
