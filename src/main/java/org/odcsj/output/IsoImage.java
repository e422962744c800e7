package org.odcsj.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The {@code iso} result of one arch: a non-installable ISO 9660 image (Rock Ridge and Joliet
 * names) of that arch's repository, Packages and repodata, at {@code
 * compose/Temporary/<arch>/iso/<compose id>-Temporary-<arch>-dvd1.iso}. Made by {@code xorriso}
 * (its mkisofs emulation), a maintained tool every distribution ships, rather than an ISO writer of
 * our own. The {@code boot.iso} result of one arch is a {@code boot} image at {@code
 * compose/Temporary/<arch>/iso/boot.iso}, made by the configured lorax command.
 *
 * @param type productmd's image type: {@code dvd} or {@code boot}
 * @param volumeId the volume id, null when not known (a boot image made by lorax)
 */
public record IsoImage(
    String arch,
    String path,
    String volumeId,
    long size,
    String sha256,
    long mtime,
    String type,
    boolean bootable) {

  /** The name of the {@code boot.iso} result's image in the arch's iso directory. */
  public static final String BOOT_ISO = "boot.iso";

  private static final long TIMEOUT_MINUTES = 60;

  /** {@code Temporary/<arch>/iso}, relative to compose/. */
  public static String isoDir(String arch) {
    return ComposeMetadata.VARIANT + "/" + arch + "/iso";
  }

  /**
   * Builds the image of {@code compose/Temporary/<arch>/os} under {@code composeDir} with the
   * {@code xorriso} command given.
   */
  public static IsoImage build(String xorriso, Path composeDir, String arch, ComposeIdentity id)
      throws IOException {
    Path os = composeDir.resolve(ComposeMetadata.osTree(arch));
    String name = id.composeId() + "-" + ComposeMetadata.VARIANT + "-" + arch + "-dvd1.iso";
    Path dir = Files.createDirectories(composeDir.resolve(isoDir(arch)));
    Path iso = dir.resolve(name);
    String volumeId = volumeId(id, arch);
    List<String> command =
        List.of(
            xorriso,
            "-as",
            "mkisofs",
            "-quiet",
            "-R",
            "-J",
            "-joliet-long",
            "-V",
            volumeId,
            "-o",
            iso.toString(),
            os.toString());
    run(command, "The iso result needs " + xorriso + " (odcs.xorriso-command)");
    return new IsoImage(
        arch,
        isoDir(arch) + "/" + name,
        volumeId,
        Files.size(iso),
        sha256(iso),
        Files.getLastModifiedTime(iso).toMillis() / 1000,
        "dvd",
        false);
  }

  /**
   * The {@code boot.iso} result of {@code arch}: runs {@code <lorax> <arch repository> <iso dir>
   * <arch>}, which must write {@code <iso dir>/boot.iso} and exit 0.
   */
  public static IsoImage boot(String lorax, Path composeDir, String arch) throws IOException {
    Path os = composeDir.resolve(ComposeMetadata.osTree(arch));
    Path dir = Files.createDirectories(composeDir.resolve(isoDir(arch)));
    run(
        List.of(lorax, os.toString(), dir.toString(), arch),
        "The boot.iso result needs " + lorax + " (odcs.lorax-command)");
    Path iso = dir.resolve(BOOT_ISO);
    if (!Files.isRegularFile(iso, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(lorax + " wrote no " + BOOT_ISO + " for " + arch);
    }
    return new IsoImage(
        arch,
        isoDir(arch) + "/" + BOOT_ISO,
        null,
        Files.size(iso),
        sha256(iso),
        Files.getLastModifiedTime(iso).toMillis() / 1000,
        "boot",
        true);
  }

  /** ISO 9660 volume ids are at most 32 characters: {@code <compose id>-<arch>}, its end kept. */
  static String volumeId(ComposeIdentity id, String arch) {
    String volumeId = (id.composeId() + "-" + arch).toUpperCase(Locale.ROOT);
    volumeId = volumeId.replaceAll("[^A-Z0-9_.-]", "_");
    return volumeId.length() <= 32 ? volumeId : volumeId.substring(volumeId.length() - 32);
  }

  private static void run(List<String> command, String needs) throws IOException {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IOException(needs + ": " + e.getMessage(), e);
    }
    byte[] output;
    try (InputStream in = process.getInputStream()) {
      output = in.readNBytes(64 * 1024);
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    try {
      if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IOException(
            command.get(0) + " did not finish in " + TIMEOUT_MINUTES + " minutes");
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making an ISO image", e);
    }
    if (process.exitValue() != 0) {
      List<String> lines =
          new ArrayList<>(new String(output, StandardCharsets.UTF_8).lines().toList());
      List<String> last = lines.subList(Math.max(0, lines.size() - 5), lines.size());
      throw new IOException(
          command.get(0)
              + " failed (exit "
              + process.exitValue()
              + "): "
              + String.join(" | ", last));
    }
  }

  private static String sha256(Path file) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
