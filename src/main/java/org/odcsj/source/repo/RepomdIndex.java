package org.odcsj.source.repo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The parts of repomd.xml we use: the revision and where the primary metadata is. */
record RepomdIndex(String revision, String primaryHref, String checksumType, String checksum) {

  static RepomdIndex parse(Path repomd) throws IOException {
    String revision = null;
    String href = null;
    String checksumType = null;
    String checksum = null;
    try (InputStream in = Files.newInputStream(repomd)) {
      XMLStreamReader r = SafeXml.inputFactory().createXMLStreamReader(in);
      String dataType = null;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (r.getLocalName()) {
            case "revision" -> revision = r.getElementText().trim();
            case "data" -> dataType = r.getAttributeValue(null, "type");
            case "location" -> {
              if ("primary".equals(dataType)) {
                href = r.getAttributeValue(null, "href");
              }
            }
            case "checksum" -> {
              if ("primary".equals(dataType)) {
                checksumType = r.getAttributeValue(null, "type");
                checksum = r.getElementText().trim();
              }
            }
            default -> {}
          }
        } else if (event == XMLStreamConstants.END_ELEMENT && "data".equals(r.getLocalName())) {
          dataType = null;
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot parse " + repomd + ": " + e.getMessage(), e);
    }
    if (href == null || checksum == null) {
      throw new IOException(repomd + " lists no primary metadata");
    }
    return new RepomdIndex(revision, href, checksumType, checksum);
  }
}
