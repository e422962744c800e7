package org.odcsj.rpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.eclipse.packager.rpm.RpmVersion;
import org.eclipse.packager.rpm.build.BuilderContext;
import org.eclipse.packager.rpm.build.BuilderOptions;
import org.eclipse.packager.rpm.build.RpmBuilder;
import org.eclipse.packager.rpm.build.RpmFileNameProvider;
import org.eclipse.packager.rpm.coding.PayloadCoding;
import org.eclipse.packager.rpm.deps.RpmDependencyFlags;

/**
 * Runs the header reader and the SHA-256 of the payload over a small RPM built for the purpose
 * until the JIT has compiled them. Without it, the first compose after a start read and hashed its
 * first thousand packages with interpreted code (SHA-256 is only intrinsic once compiled). Reads
 * nothing of any source, writes only under the directory given (and deletes it).
 */
public final class RpmReaderWarmup {

  private RpmReaderWarmup() {}

  /** Builds the RPM under {@code dir} and reads it {@code rounds} times; returns the package. */
  public static RpmPackage run(Path dir, int rounds) throws IOException {
    Path rpm = build(Files.createDirectories(dir));
    try {
      RpmPackage read = null;
      for (int i = 0; i < rounds; i++) {
        read = RpmHeaderReader.read(rpm);
      }
      return read;
    } finally {
      Files.deleteIfExists(rpm);
    }
  }

  /**
   * A package with a few files, relations and a 256 KiB payload of random bytes, not compressed.
   */
  private static Path build(Path dir) throws IOException {
    BuilderOptions options = new BuilderOptions();
    options.setFileNameProvider(RpmFileNameProvider.DEFAULT_FILENAME_PROVIDER);
    options.setPayloadCoding(PayloadCoding.NONE); // what is read is hashed, never decompressed
    try (RpmBuilder builder =
        new RpmBuilder("odcsj-warmup", new RpmVersion("1.0", "1"), "noarch", dir, options)) {
      RpmBuilder.PackageInformation info = new RpmBuilder.PackageInformation();
      info.setSummary("ODCS-J reader warm-up");
      info.setDescription("Read by the service at start; never published.");
      info.setLicense("MIT");
      builder.setInformation(info);
      builder.addRequirement("glibc", "2.34", RpmDependencyFlags.GREATER, RpmDependencyFlags.EQUAL);
      builder.addProvides("odcsj-warmup(x86-64)", "1.0-1", RpmDependencyFlags.EQUAL);
      BuilderContext ctx = builder.newContext();
      byte[] payload = new byte[1 << 18];
      new Random(1).nextBytes(payload);
      ctx.addFile("/usr/share/odcsj-warmup/payload", payload);
      for (int i = 0; i < 20; i++) {
        ctx.addFile(
            "/usr/share/odcsj-warmup/file-" + i,
            ("file " + i + "\n").getBytes(StandardCharsets.UTF_8));
      }
      builder.build();
      return builder.getTargetFile();
    }
  }
}
