package org.odcsj.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** repomd.xml: the index dnf fetches first, pointing at the metadata files by checksum. */
final class RepomdXml {
  private static final String REPO_NS = "http://linux.duke.edu/metadata/repo";

  private RepomdXml() {}

  static void write(Path file, String revision, long timestamp, List<RepomdRecord> records)
      throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("repomd");
      xml.writeDefaultNamespace(REPO_NS);
      xml.writeNamespace("rpm", RepodataType.RPM_NS);
      line(xml, 1);
      text(xml, "revision", revision);
      for (RepomdRecord r : records) {
        line(xml, 1);
        xml.writeStartElement("data");
        xml.writeAttribute("type", r.type());
        line(xml, 2);
        xml.writeStartElement("checksum");
        xml.writeAttribute("type", "sha256");
        xml.writeCharacters(r.checksum());
        xml.writeEndElement();
        line(xml, 2);
        xml.writeStartElement("open-checksum");
        xml.writeAttribute("type", "sha256");
        xml.writeCharacters(r.openChecksum());
        xml.writeEndElement();
        line(xml, 2);
        xml.writeEmptyElement("location");
        xml.writeAttribute("href", r.href());
        line(xml, 2);
        text(xml, "timestamp", Long.toString(timestamp));
        line(xml, 2);
        text(xml, "size", Long.toString(r.size()));
        line(xml, 2);
        text(xml, "open-size", Long.toString(r.openSize()));
        line(xml, 1);
        xml.writeEndElement();
      }
      line(xml, 0);
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + file, e);
    }
  }

  private static void line(XMLStreamWriter xml, int level) throws XMLStreamException {
    xml.writeCharacters("\n" + "  ".repeat(level));
  }

  private static void text(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(XmlText.clean(value));
    xml.writeEndElement();
  }
}
