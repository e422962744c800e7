package org.odcsj.output;

import java.io.IOException;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamException;
import org.odcsj.output.RpmPackage.PackageFile;

/** filelists.xml.gz: every file of every package, directories and ghosts typed. */
final class FilelistsXml extends MetadataXmlFile {
  private static final String NS = "http://linux.duke.edu/metadata/filelists";

  FilelistsXml(Path dir, int packages) throws IOException {
    super(dir, "filelists", "filelists", packages);
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
