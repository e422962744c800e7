package org.odcsj.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.odcsj.rpm.RpmHeaderReader;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.testsupport.TestRpms;
import org.w3c.dom.Element;

class RepodataWriterTest {
  @TempDir Path tmp;

  @Test
  void textThatXmlCannotCarryIsDroppedAndUnicodeKept() throws Exception {
    RpmPackage pkg =
        RpmHeaderReader.read(
            TestRpms.builder("grüße", "1", "1", "noarch")
                .summary("Grüße\u0001 aus Köln\u0007")
                .build(tmp));
    Path repodata = tmp.resolve("os/repodata");
    try (RepodataWriter w = new RepodataWriter(repodata, 1)) {
      w.add(pkg, "Packages/g/" + pkg.canonicalFileName());
      w.finish("1", Instant.EPOCH);
    }
    Element p =
        RepodataDump.children(
                RepodataDump.parse(RepodataDump.file(tmp.resolve("os"), "primary"))
                    .getDocumentElement(),
                "package")
            .get(0);
    assertEquals("Grüße aus Köln", RepodataDump.children(p, "summary").get(0).getTextContent());
    assertEquals("grüße", RepodataDump.children(p, "name").get(0).getTextContent());
  }

  @Test
  void aWrongPackageCountFailsAndLeavesNothingBehind() throws Exception {
    RpmPackage pkg = RpmHeaderReader.read(TestRpms.builder("a", "1", "1", "noarch").build(tmp));
    Path repodata = tmp.resolve("os/repodata");
    try (RepodataWriter w = new RepodataWriter(repodata, 2)) {
      w.add(pkg, "Packages/a/a-1-1.noarch.rpm");
      assertThrows(IllegalStateException.class, () -> w.finish("1", Instant.EPOCH));
    }
    assertFalse(Files.exists(repodata));
    try (var left = Files.list(tmp.resolve("os"))) {
      assertEquals(List.of(), left.toList());
    }
  }

  @Test
  void anExistingRepodataIsReplacedWhole() throws Exception {
    Path repodata = Files.createDirectories(tmp.resolve("os/repodata"));
    Files.writeString(repodata.resolve("stale-primary.xml.gz"), "old");
    try (RepodataWriter w = new RepodataWriter(repodata, 0)) {
      w.finish("2", Instant.EPOCH);
    }
    assertFalse(Files.exists(repodata.resolve("stale-primary.xml.gz")));
    assertTrue(Files.readString(repodata.resolve("repomd.xml")).contains("<revision>2</revision>"));
    try (var siblings = Files.list(tmp.resolve("os"))) {
      assertEquals(List.of(repodata), siblings.toList());
    }
  }
}
