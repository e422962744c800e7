package org.odcsj.output;

import javax.xml.stream.XMLStreamException;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.rpm.RpmPackage.PackageFile;

/** filelists.xml.gz: every file of every package, directories and ghosts typed. */
final class FilelistsXml extends PackageXml {
  FilelistsXml() {
    super(RepodataType.FILELISTS);
  }

  @Override
  void writePackage(RpmPackage p, String href) throws XMLStreamException {
    packageFrame(
        p,
        () -> {
          for (PackageFile f : p.files()) {
            indent(1);
            xml.writeStartElement("file");
            attribute("type", f.type().xmlValue());
            xml.writeCharacters(XmlText.clean(f.path()));
            xml.writeEndElement();
          }
        });
  }
}
