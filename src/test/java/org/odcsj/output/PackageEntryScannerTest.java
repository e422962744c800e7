package org.odcsj.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PackageEntryScannerTest {

  private static final String PRIMARY_HEAD =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
          + "<metadata xmlns=\"http://linux.duke.edu/metadata/common\""
          + " xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\" packages=\"2\">\n";

  /** One primary entry; {@code extra} goes inside {@code <format>}. */
  private static String primaryEntry(String name, String sum, String location, String extra) {
    return "<package type=\"rpm\">\n"
        + "  <name>"
        + name
        + "</name>\n"
        + "  <arch>x86_64</arch>\n"
        + "  <version epoch=\"0\" ver=\"1\" rel=\"1\"/>\n"
        + "  <checksum type=\"sha256\" pkgid=\"YES\">"
        + sum
        + "</checksum>\n"
        + "  "
        + location
        + "\n"
        + "  <format>\n"
        + extra
        + "  </format>\n"
        + "</package>";
  }

  private record Seen(String entry, String pkgid, String name, String arch, String location) {}

  /** Scans {@code xml} fed {@code chunk} bytes at a time (1: a refill at every byte). */
  private static List<Seen> scan(String xml, RepodataType type, int chunk) throws IOException {
    InputStream in = new Trickle(xml.getBytes(StandardCharsets.UTF_8), chunk);
    PackageEntryScanner scanner = new PackageEntryScanner(in, type, "test.xml");
    List<Seen> seen = new ArrayList<>();
    for (PackageEntryScanner.Entry e; (e = scanner.next()) != null; ) {
      String entry = new String(e.bytes(), e.offset(), e.length(), StandardCharsets.UTF_8);
      String location =
          e.locationStart() < 0
              ? null
              : new String(
                  e.bytes(),
                  e.offset() + e.locationStart(),
                  e.locationEnd() - e.locationStart(),
                  StandardCharsets.UTF_8);
      seen.add(new Seen(entry, e.pkgid(), e.name(), e.arch(), location));
    }
    return seen;
  }

  @Test
  void primaryEntriesComeOutAsWrittenWithTheirKeysAndLocation() throws Exception {
    String first =
        primaryEntry(
            "a&amp;b",
            "ABC123",
            "<location xml:base=\"http://x/\" href=\"Packages/a.rpm\"/>",
            "    <rpm:entry name=\"x\" flags=\"GE\" ver=\"1&gt;\"/>\n"
                + "    <file>/usr/bin/a</file>\n");
    String second =
        primaryEntry(
            "b",
            "def456",
            "<location href='Packages/b>c.rpm'/>",
            "    <!-- a comment with </package> in it -->\n"
                + "    <rpm:license><![CDATA[<GPL> & </package>]]></rpm:license>\n"
                + "    <?pi </package> ?>\n");
    String xml =
        PRIMARY_HEAD + "<!-- between -->\n" + first + "\n" + second + "\n" + "</metadata>\n";
    for (int chunk : new int[] {1, 7, 1 << 20}) {
      List<Seen> seen = scan(xml, RepodataType.PRIMARY, chunk);
      assertEquals(2, seen.size(), "chunk " + chunk);
      assertEquals(
          new Seen(
              first,
              "ABC123",
              "a&b",
              "x86_64",
              "<location xml:base=\"http://x/\" href=\"Packages/a.rpm\"/>"),
          seen.get(0));
      assertEquals(
          new Seen(second, "def456", "b", "x86_64", "<location href='Packages/b>c.rpm'/>"),
          seen.get(1));
    }
  }

  @Test
  void filelistsAndOtherAreKeyedByThePackageAttributes() throws Exception {
    String entry =
        "<package pkgid=\"abc\" name=\"hello\" arch=\"noarch\">\n"
            + "  <version epoch=\"0\" ver=\"1\" rel=\"1\"/>\n"
            + "  <file type=\"dir\">/usr/share/h&#xE9;llo</file>\n"
            + "</package>";
    String xml =
        "\uFEFF<?xml version='1.0' encoding='utf-8'?>\n"
            + "<filelists xmlns=\"http://linux.duke.edu/metadata/filelists\" packages=\"1\">\n"
            + entry
            + "\n<package pkgid=\"e\" name=\"empty\" arch=\"src\"/>\n</filelists>";
    List<Seen> seen = scan(xml, RepodataType.FILELISTS, 3);
    assertEquals(new Seen(entry, "abc", "hello", "noarch", null), seen.get(0));
    assertEquals(
        new Seen("<package pkgid=\"e\" name=\"empty\" arch=\"src\"/>", "e", "empty", "src", null),
        seen.get(1));
  }

  @Test
  void anEntryLargerThanTheBufferIsWhole() throws Exception {
    StringBuilder files = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      files.append("    <file>/usr/share/big/file-").append(i).append("</file>\n");
    }
    String entry = primaryEntry("big", "f00", "<location href=\"b.rpm\"/>", files.toString());
    List<Seen> seen = scan(PRIMARY_HEAD + entry + "\n</metadata>", RepodataType.PRIMARY, 1 << 20);
    assertEquals(1, seen.size());
    assertTrue(entry.length() > 1 << 17);
    assertEquals(entry, seen.get(0).entry());
    assertEquals("f00", seen.get(0).pkgid());
  }

  @Test
  void anEmptyRepositoryHasNoEntries() throws Exception {
    String xml = "<otherdata xmlns=\"http://linux.duke.edu/metadata/other\" packages=\"0\"/>";
    assertEquals(List.of(), scan(xml, RepodataType.OTHER, 1));
    String open =
        "<otherdata xmlns=\"http://linux.duke.edu/metadata/other\" packages=\"0\">\n</otherdata>";
    assertEquals(List.of(), scan(open, RepodataType.OTHER, 1));
  }

  @Test
  void aNameWithMarkupInsideIsLeftUnknown() throws Exception {
    String entry =
        primaryEntry("a<!-- x -->b", "s", "<location href=\"a.rpm\"/>", "")
            .replace("<arch>x86_64</arch>", "<arch><![CDATA[x86_64]]></arch>");
    Seen seen = scan(PRIMARY_HEAD + entry + "</metadata>", RepodataType.PRIMARY, 5).get(0);
    assertNull(seen.name());
    assertNull(seen.arch());
    assertEquals("s", seen.pkgid());
  }

  @Test
  void whatCannotBeCopiedFaithfullyIsRefused() {
    String other = "<otherdata xmlns=\"http://linux.duke.edu/metadata/other\" packages=\"0\"/>";
    for (String xml :
        List.of(
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + other,
            "<!DOCTYPE otherdata [<!ENTITY e \"x\">]>\n" + other,
            other.replace("otherdata", "filelists"),
            other.replace(" packages", " xmlns:x=\"urn:x\" packages"),
            other.replace("metadata/other", "metadata/common"),
            "<otherdata xmlns=\"http://linux.duke.edu/metadata/other\">\n<package pkgid=\"a\">",
            "<otherdata xmlns=\"http://linux.duke.edu/metadata/other\">"
                + "<package pkgid=\"&bogus;\"/></otherdata>")) {
      assertThrows(IOException.class, () -> scan(xml, RepodataType.OTHER, 4), xml);
    }
  }

  /** Hands out at most {@code chunk} bytes per read. */
  private static final class Trickle extends ByteArrayInputStream {
    private final int chunk;

    Trickle(byte[] bytes, int chunk) {
      super(bytes);
      this.chunk = chunk;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) {
      return super.read(b, off, Math.min(len, chunk));
    }
  }
}
