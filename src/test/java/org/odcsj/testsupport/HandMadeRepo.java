package org.odcsj.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A yum repository whose metadata the test writes itself (plain XML, checksums right), for what
 * createrepo would never produce: a DTD, entity declarations, hrefs leaving the repository.
 *
 * <pre>
 * HandMadeRepo.write(dir, HandMadeRepo.PROLOG, HandMadeRepo.primary("Packages/a.rpm", ""));
 * </pre>
 */
public final class HandMadeRepo {
  private HandMadeRepo() {}

  /** A plain XML declaration, no DTD. */
  public static final String PROLOG = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

  /** Billion laughs: ten levels of ten references each, 10^9 "lol"s if expanded. */
  public static final String BILLION_LAUGHS;

  static {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE metadata [\n <!ENTITY lol0 \"lol\">\n");
    for (int i = 1; i <= 9; i++) {
      dtd.append(" <!ENTITY lol").append(i).append(" \"");
      dtd.append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    BILLION_LAUGHS = PROLOG + dtd + "]>\n";
  }

  /** An external entity reading a local file. */
  public static String externalEntity(String root) {
    return PROLOG + "<!DOCTYPE " + root + " [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n";
  }

  /**
   * primary.xml with one package {@code hello-1.0-1.x86_64} at {@code href}; {@code text} goes into
   * its summary (e.g. {@code &lol9;} or {@code &xxe;}).
   */
  public static String primary(String href, String text) {
    return "<metadata xmlns=\"http://linux.duke.edu/metadata/common\""
        + " xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"1\">\n"
        + "<package type=\"rpm\"><name>hello</name><arch>x86_64</arch>"
        + "<version epoch=\"0\" ver=\"1.0\" rel=\"1\"/>"
        + "<checksum type=\"sha256\" pkgid=\"YES\">"
        + "0".repeat(64)
        + "</checksum><summary>hello "
        + text
        + "</summary><location href=\""
        + href
        + "\"/><format><rpm:sourcerpm>hello-1.0-1.src.rpm</rpm:sourcerpm></format></package>\n"
        + "</metadata>\n";
  }

  /**
   * Writes {@code repodata/primary.xml} ({@code primaryProlog + primaryBody}) and a repomd.xml
   * (itself starting with {@code repomdProlog}) naming it with its right checksum.
   */
  public static Path write(Path dir, String repomdProlog, String primaryProlog, String primaryBody)
      throws IOException {
    Path repodata = Files.createDirectories(dir.resolve("repodata"));
    byte[] primary = (primaryProlog + primaryBody).getBytes(StandardCharsets.UTF_8);
    Files.write(repodata.resolve("primary.xml"), primary);
    String repomd =
        repomdProlog
            + "<repomd xmlns=\"http://linux.duke.edu/metadata/repo\">"
            + "<revision>1</revision><data type=\"primary\">"
            + "<checksum type=\"sha256\">"
            + sha256(primary)
            + "</checksum><location href=\"repodata/primary.xml\"/></data></repomd>\n";
    Files.writeString(repodata.resolve("repomd.xml"), repomd);
    return dir;
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
