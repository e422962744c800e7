package org.odcsj.output;

import java.util.List;
import javax.xml.stream.XMLStreamException;
import org.odcsj.rpm.RpmPackage;
import org.odcsj.rpm.RpmPackage.Dependency;
import org.odcsj.rpm.RpmPackage.PackageFile;

/** primary.xml.gz in createrepo_c's layout, which libsolv (dnf) and yum read. */
final class PrimaryXml extends PackageXml {
  PrimaryXml() {
    super(RepodataType.PRIMARY);
  }

  @Override
  void writePackage(RpmPackage p, String href) throws XMLStreamException {
    xml.writeStartElement("package");
    xml.writeAttribute("type", "rpm");
    indent(1);
    textElement("name", p.name());
    indent(1);
    textElement("arch", p.arch());
    indent(1);
    versionElement(p);
    indent(1);
    xml.writeStartElement("checksum");
    xml.writeAttribute("type", "sha256");
    xml.writeAttribute("pkgid", "YES");
    xml.writeCharacters(p.sha256());
    xml.writeEndElement();
    indent(1);
    textElement("summary", p.summary());
    indent(1);
    textElement("description", p.description());
    indent(1);
    textElement("packager", p.packager());
    indent(1);
    textElement("url", p.url());
    indent(1);
    xml.writeEmptyElement("time");
    xml.writeAttribute("file", Long.toString(p.fileTime()));
    xml.writeAttribute("build", Long.toString(p.buildTime()));
    indent(1);
    xml.writeEmptyElement("size");
    xml.writeAttribute("package", Long.toString(p.packageSize()));
    xml.writeAttribute("installed", Long.toString(p.installedSize()));
    xml.writeAttribute("archive", Long.toString(p.archiveSize()));
    indent(1);
    xml.writeEmptyElement("location");
    attribute("href", href);
    indent(1);
    writeFormat(p);
    indent(0);
    xml.writeEndElement();
    indent(0);
  }

  private void writeFormat(RpmPackage p) throws XMLStreamException {
    xml.writeStartElement("format");
    indent(2);
    rpmTextElement("license", p.license());
    indent(2);
    rpmTextElement("vendor", p.vendor());
    indent(2);
    rpmTextElement("group", p.group());
    indent(2);
    rpmTextElement("buildhost", p.buildhost());
    indent(2);
    rpmTextElement("sourcerpm", p.sourcerpm());
    indent(2);
    xml.writeEmptyElement("rpm", "header-range", RPM_NS);
    xml.writeAttribute("start", Long.toString(p.headerStart()));
    xml.writeAttribute("end", Long.toString(p.headerEnd()));
    RpmPackage.Dependencies d = p.dependencies();
    // createrepo_c's order; weak dependencies after the classic four.
    writeDependencies("provides", d.provides());
    writeDependencies("requires", d.requires());
    writeDependencies("conflicts", d.conflicts());
    writeDependencies("obsoletes", d.obsoletes());
    writeDependencies("suggests", d.suggests());
    writeDependencies("enhances", d.enhances());
    writeDependencies("recommends", d.recommends());
    writeDependencies("supplements", d.supplements());
    for (PackageFile f : p.files()) {
      if (f.isPrimary()) {
        indent(2);
        xml.writeStartElement("file");
        attribute("type", f.type().xmlValue());
        xml.writeCharacters(XmlText.clean(f.path()));
        xml.writeEndElement();
      }
    }
    indent(1);
    xml.writeEndElement();
  }

  private void writeDependencies(String kind, List<Dependency> deps) throws XMLStreamException {
    if (deps.isEmpty()) {
      return;
    }
    indent(2);
    xml.writeStartElement("rpm", kind, RPM_NS);
    for (Dependency dep : deps) {
      indent(3);
      xml.writeEmptyElement("rpm", "entry", RPM_NS);
      attribute("name", dep.name());
      if (dep.flags() != null) {
        // Without a comparison createrepo_c writes no version parts, and libsolv reads none.
        attribute("flags", dep.flags());
        attribute("epoch", emptyToNull(dep.epoch()));
        attribute("ver", emptyToNull(dep.version()));
        attribute("rel", emptyToNull(dep.release()));
      }
      if (dep.pre()) {
        xml.writeAttribute("pre", "1");
      }
    }
    indent(2);
    xml.writeEndElement();
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
