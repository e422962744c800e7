package org.odcsj.output;

import javax.xml.stream.XMLStreamException;
import org.odcsj.rpm.RpmHeaderReader;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.rpm.RpmPackage.ChangelogEntry;

/** other.xml.gz: the changelog entries {@link RpmHeaderReader} kept, oldest first. */
final class OtherXml extends PackageXml {
  OtherXml() {
    super(RepodataType.OTHER);
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
