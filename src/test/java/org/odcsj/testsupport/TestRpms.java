package org.odcsj.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.packager.rpm.FileFlags;
import org.eclipse.packager.rpm.HashAlgorithm;
import org.eclipse.packager.rpm.RpmTag;
import org.eclipse.packager.rpm.RpmVersion;
import org.eclipse.packager.rpm.build.BuilderContext;
import org.eclipse.packager.rpm.build.BuilderOptions;
import org.eclipse.packager.rpm.build.FileInformation;
import org.eclipse.packager.rpm.build.FileInformationProvider;
import org.eclipse.packager.rpm.build.PayloadEntryType;
import org.eclipse.packager.rpm.build.RpmBuilder;
import org.eclipse.packager.rpm.build.RpmFileNameProvider;
import org.eclipse.packager.rpm.deps.RpmDependencyFlags;
import org.eclipse.packager.rpm.signature.RsaHeaderSignatureProcessor;

/**
 * Builds small, deterministic RPMs for tests with Eclipse Packager: same inputs, same bytes (fixed
 * build time, build host and file times), so checksums in assertions stay stable.
 *
 * <pre>
 * Path rpm = TestRpms.builder("hello", "1.0", "1", "x86_64")
 *     .requires("libfoo", ">=", "1.0").provides("greeting")
 *     .file("/usr/bin/hello", "#!/bin/true\n").build(dir);   // dir/hello-1.0-1.x86_64.rpm
 * </pre>
 */
public final class TestRpms {
  /** 2024-01-01T00:00:00Z: the build time and file time of every test RPM unless overridden. */
  public static final Instant BUILD_TIME = Instant.ofEpochSecond(1_704_067_200L);

  public static final String BUILD_HOST = "build.odcs-test.example";

  private final String name;
  private final RpmVersion version;
  private final String arch;
  private final List<Consumer<RpmBuilder>> dependencies = new ArrayList<>();
  private final List<Entry> files = new ArrayList<>();
  private final List<String[]> changelog = new ArrayList<>();
  private final RpmBuilder.PackageInformation info = new RpmBuilder.PackageInformation();
  private Instant buildTime = BUILD_TIME;
  private TestKey key;

  private record Entry(String path, byte[] content, int mode, Set<FileFlags> flags, boolean dir) {}

  private TestRpms(String name, Integer epoch, String version, String release, String arch) {
    this.name = name;
    this.version = new RpmVersion(epoch, version, release);
    this.arch = arch;
    info.setSummary("Test package " + name);
    info.setDescription("The " + name + " package, built for a test.");
    info.setLicense("MIT");
    info.setGroup("Unspecified");
    info.setBuildHost(BUILD_HOST);
    // A binary RPM names its source RPM; an RPM without SOURCERPM is a source RPM.
    if (!"src".equals(arch) && !"nosrc".equals(arch)) {
      info.setSourcePackage(name + "-" + version + "-" + release + ".src.rpm");
    }
  }

  public static TestRpms builder(String name, String version, String release, String arch) {
    return new TestRpms(name, null, version, release, arch);
  }

  public static TestRpms builder(
      String name, int epoch, String version, String release, String arch) {
    return new TestRpms(name, epoch, version, release, arch);
  }

  /** {@code requires("/bin/sh")}, {@code requires("foo", ">=", "1.0")}, {@code "2:1.0-3"} too. */
  public TestRpms requires(String name) {
    return requires(name, "", null);
  }

  public TestRpms requires(String name, String op, String version) {
    return dep(b -> b.addRequirement(name, version, flags(op)));
  }

  /** A requirement needed before installation ({@code Requires(pre):}). */
  public TestRpms requiresPre(String name) {
    return dep(b -> b.addRequirement(name, null, RpmDependencyFlags.SCRIPT_PRE));
  }

  public TestRpms provides(String name) {
    return provides(name, "", null);
  }

  public TestRpms provides(String name, String op, String version) {
    return dep(b -> b.addProvides(name, version, flags(op)));
  }

  public TestRpms conflicts(String name, String op, String version) {
    return dep(b -> b.addConflicts(name, version, flags(op)));
  }

  public TestRpms obsoletes(String name, String op, String version) {
    return dep(b -> b.addObsoletes(name, version, flags(op)));
  }

  public TestRpms recommends(String name) {
    return dep(b -> b.addRecommends(name, null));
  }

  public TestRpms suggests(String name) {
    return dep(b -> b.addSuggests(name, null));
  }

  public TestRpms supplements(String name) {
    return dep(b -> b.addSupplements(name, null));
  }

  public TestRpms enhances(String name) {
    return dep(b -> b.addEnhances(name, null));
  }

  /** A regular file; mode 0755 under a bin directory, else 0644. */
  public TestRpms file(String path, String content) {
    return file(path, content, path.contains("/bin/") ? 0755 : 0644);
  }

  public TestRpms file(String path, String content, int mode) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    files.add(new Entry(path, bytes, mode, EnumSet.noneOf(FileFlags.class), false));
    return this;
  }

  /** A %config(noreplace) file. */
  public TestRpms configFile(String path, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Set<FileFlags> flags = EnumSet.of(FileFlags.CONFIGURATION, FileFlags.NOREPLACE);
    files.add(new Entry(path, bytes, 0644, flags, false));
    return this;
  }

  /** A %ghost file: listed in the header, not meant to be installed from the payload. */
  public TestRpms ghost(String path) {
    files.add(new Entry(path, new byte[0], 0644, EnumSet.of(FileFlags.GHOST), false));
    return this;
  }

  public TestRpms directory(String path) {
    files.add(new Entry(path, null, 0755, EnumSet.noneOf(FileFlags.class), true));
    return this;
  }

  public TestRpms summary(String summary) {
    info.setSummary(summary);
    return this;
  }

  public TestRpms description(String description) {
    info.setDescription(description);
    return this;
  }

  public TestRpms license(String license) {
    info.setLicense(license);
    return this;
  }

  public TestRpms vendor(String vendor) {
    info.setVendor(vendor);
    return this;
  }

  public TestRpms url(String url) {
    info.setUrl(url);
    return this;
  }

  public TestRpms group(String group) {
    info.setGroup(group);
    return this;
  }

  public TestRpms packager(String packager) {
    info.setPackager(packager);
    return this;
  }

  /** Overrides the SOURCERPM tag ({@code null} drops it, which makes the RPM a source RPM). */
  public TestRpms sourceRpm(String sourceRpm) {
    info.setSourcePackage(sourceRpm);
    return this;
  }

  public TestRpms buildTime(Instant buildTime) {
    this.buildTime = buildTime;
    return this;
  }

  /** A changelog entry; add them newest first, as rpm stores them. */
  public TestRpms changelog(Instant time, String author, String text) {
    changelog.add(new String[] {Long.toString(time.getEpochSecond()), author, text});
    return this;
  }

  /** Signs the header (RSA, SHA-256) like {@code rpmsign} does on rpm ≥ 4.16: tag 268 only. */
  public TestRpms signedWith(TestKey key) {
    this.key = key;
    return this;
  }

  /** Writes {@code N-V-R.A.rpm} into {@code dir} (created if missing) and returns its path. */
  public Path build(Path dir) {
    try {
      Files.createDirectories(dir);
      BuilderOptions options = new BuilderOptions();
      options.setFileNameProvider(RpmFileNameProvider.DEFAULT_FILENAME_PROVIDER);
      try (RpmBuilder builder = new RpmBuilder(name, version, arch, dir, options)) {
        builder.setInformation(info);
        dependencies.forEach(d -> d.accept(builder));
        BuilderContext ctx = builder.newContext();
        for (Entry e : files) {
          if (e.dir()) {
            ctx.addDirectory(e.path(), provider(e));
          } else {
            ctx.addFile(e.path(), e.content(), provider(e));
          }
        }
        builder.setHeaderCustomizer(
            header -> {
              // RpmBuilder stamps the wall clock; tests want stable bytes.
              header.putInt(RpmTag.BUILDTIME, (int) buildTime.getEpochSecond());
              if (info.getSourcePackage() == null) {
                header.putInt(1106, 1); // SOURCEPACKAGE, as rpmbuild marks source RPMs
              }
              if (!changelog.isEmpty()) {
                header.putInt(
                    RpmTag.CHANGELOG_TIMESTAMP,
                    changelog.stream().mapToInt(c -> Integer.parseInt(c[0])).toArray());
                header.putStringArray(
                    RpmTag.CHANGELOG_AUTHOR,
                    changelog.stream().map(c -> c[1]).toArray(String[]::new));
                header.putStringArray(
                    RpmTag.CHANGELOG_TEXT,
                    changelog.stream().map(c -> c[2]).toArray(String[]::new));
              }
            });
        if (key != null) {
          builder.addSignatureProcessor(
              new RsaHeaderSignatureProcessor(key.privateKey(), HashAlgorithm.SHA256));
        }
        builder.build();
        return builder.getTargetFile();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private TestRpms dep(Consumer<RpmBuilder> dependency) {
    dependencies.add(dependency);
    return this;
  }

  private <T> FileInformationProvider<T> provider(Entry e) {
    return (String target, T source, PayloadEntryType type) -> {
      FileInformation fi = new FileInformation();
      fi.setTimestamp(buildTime);
      fi.setMode((short) e.mode());
      fi.setUser("root");
      fi.setGroup("root");
      fi.setFileFlags(e.flags());
      return fi;
    };
  }

  static RpmDependencyFlags[] flags(String op) {
    return switch (op == null ? "" : op.trim()) {
      case "" -> new RpmDependencyFlags[0];
      case "=", "==" -> new RpmDependencyFlags[] {RpmDependencyFlags.EQUAL};
      case "<" -> new RpmDependencyFlags[] {RpmDependencyFlags.LESS};
      case ">" -> new RpmDependencyFlags[] {RpmDependencyFlags.GREATER};
      case "<=" -> new RpmDependencyFlags[] {RpmDependencyFlags.LESS, RpmDependencyFlags.EQUAL};
      case ">=" -> new RpmDependencyFlags[] {RpmDependencyFlags.GREATER, RpmDependencyFlags.EQUAL};
      default -> throw new IllegalArgumentException("unknown dependency operator: " + op);
    };
  }
}
