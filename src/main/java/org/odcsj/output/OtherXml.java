package org.odcsj.output;

import java.io.IOException;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamException;
import org.odcsj.output.RpmPackage.ChangelogEntry;

/** other.xml.gz: the changelog entries {@link RpmHeaderReader} kept, oldest first. */
final class OtherXml extends MetadataXmlFile {
  private static final String NS = "http://linux.duke.edu/metadata/other";

  OtherXml(Path dir, int packages) throws IOException {
    super(dir, "other", "otherdata", packages);
  }

  @Override
  void writeNamespaces() throws XMLStreamException {
    xml.writeDefaultNamespace(NS);
  }

  @Override
  void writePackage(RpmPackage p, String href) throws XMLStreamException {
    packageFrame(
        p,
        () -> {
          for (ChangelogEntry c : p.changelogs()) {
            indent(1);
            xml.writeStartElement("changelog");
            attribute("author", c.author());
            xml.writeAttribute("date", Long.toString(c.date()));
            xml.writeCharacters(XmlText.clean(c.text()));
            xml.writeEndElement();
          }
        });
  }
}
