package org.odcsj.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks that a published compose repository is whole: every metadata file its repomd.xml lists
 * exists with the checksum repomd.xml gives (what dnf verifies before trusting it).
 */
final class PublishedRepository {

  private PublishedRepository() {}

  /** {@code repository} is {@code <tree>/compose/Temporary/<arch>/os}; returns its data count. */
  static int assertWhole(Path repository) throws Exception {
    Path repomd = repository.resolve("repodata/repomd.xml");
    assertTrue(Files.isRegularFile(repomd), "no " + repomd);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    NodeList data =
        factory.newDocumentBuilder().parse(repomd.toFile()).getElementsByTagNameNS("*", "data");
    for (int i = 0; i < data.getLength(); i++) {
      Element entry = (Element) data.item(i);
      Element location = (Element) entry.getElementsByTagNameNS("*", "location").item(0);
      Element checksum = (Element) entry.getElementsByTagNameNS("*", "checksum").item(0);
      Path file = repository.resolve(location.getAttribute("href"));
      assertTrue(Files.isRegularFile(file), "repomd.xml lists a missing " + file);
      assertEquals("sha256", checksum.getAttribute("type"));
      assertEquals(checksum.getTextContent().trim(), sha256(file), "checksum of " + file);
    }
    assertTrue(data.getLength() >= 3, "primary, filelists and other in " + repomd);
    return data.getLength();
  }

  private static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[65536];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
