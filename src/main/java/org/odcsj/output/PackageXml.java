package org.odcsj.output;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.odcsj.rpm.RpmPackage;

/**
 * Renders one package's {@code <package>} element of one metadata file (primary, filelists or
 * other) in createrepo_c's layout, as UTF-8 bytes ending with a newline, ready for {@link
 * MetadataXmlFile#writeEntry}. The root element's namespaces are taken as declared. Not
 * thread-safe: one renderer per thread.
 */
abstract class PackageXml {
  static final String RPM_NS = RepodataType.RPM_NS;

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final RepodataType type;
  private final Buffer rendered = new Buffer();
  // The JDK's UTF-8 writer emits byte by byte: buffer before the byte array's synchronized writes.
  private final BufferedOutputStream sink = new BufferedOutputStream(rendered, 1 << 13);
  protected final XMLStreamWriter xml;

  PackageXml(RepodataType type) {
    this.type = type;
    try {
      this.xml = FACTORY.createXMLStreamWriter(sink, "UTF-8");
      for (var ns : type.namespaces().entrySet()) {
        if (ns.getKey().isEmpty()) {
          xml.setDefaultNamespace(ns.getValue());
        } else {
          xml.setPrefix(ns.getKey(), ns.getValue());
        }
      }
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot set up an XML writer", e);
    }
  }

  /** A renderer for each type. */
  static PackageXml of(RepodataType type) {
    return switch (type) {
      case PRIMARY -> new PrimaryXml();
      case FILELISTS -> new FilelistsXml();
      case OTHER -> new OtherXml();
    };
  }

  RepodataType type() {
    return type;
  }

  abstract void writePackage(RpmPackage pkg, String href) throws XMLStreamException;

  /**
   * Renders the package; the bytes are {@link #bytes()}{@code [0, }{@link #length()}{@code )} until
   * the next call.
   */
  final void render(RpmPackage pkg, String href) throws IOException {
    rendered.reset();
    try {
      writePackage(pkg, href);
      xml.flush();
      sink.flush();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + pkg.nevra() + " to " + type.type(), e);
    }
  }

  final byte[] bytes() {
    return rendered.array();
  }

  final int length() {
    return rendered.size();
  }

  private static final class Buffer extends ByteArrayOutputStream {
    Buffer() {
      super(1 << 12);
    }

    byte[] array() {
      return buf;
    }
  }

  // --- small writing helpers shared by the three files ---

  void indent(int level) throws XMLStreamException {
    xml.writeCharacters(level == 0 ? "\n" : "\n" + "  ".repeat(level));
  }

  void textElement(String name, String text) throws XMLStreamException {
    xml.writeStartElement(name);
    xml.writeCharacters(XmlText.clean(text));
    xml.writeEndElement();
  }

  void rpmTextElement(String local, String text) throws XMLStreamException {
    xml.writeStartElement("rpm", local, RPM_NS);
    xml.writeCharacters(XmlText.clean(text));
    xml.writeEndElement();
  }

  void attribute(String name, String value) throws XMLStreamException {
    if (value != null) {
      xml.writeAttribute(name, XmlText.clean(value));
    }
  }

  void versionElement(RpmPackage pkg) throws XMLStreamException {
    xml.writeEmptyElement("version");
    attribute("epoch", pkg.epochOrZero());
    attribute("ver", pkg.version());
    attribute("rel", pkg.release());
  }

  /**
   * The {@code <package pkgid name arch><version/>…</package>} frame filelists and other share;
   * {@code entries} writes what goes between (files, changelogs), one indented line each.
   */
  void packageFrame(RpmPackage p, PackageEntries entries) throws XMLStreamException {
    xml.writeStartElement("package");
    xml.writeAttribute("pkgid", p.sha256());
    attribute("name", p.name());
    attribute("arch", p.arch());
    indent(1);
    versionElement(p);
    entries.write();
    indent(0);
    xml.writeEndElement();
    indent(0);
  }

  /** The entries inside a {@link #packageFrame}. */
  interface PackageEntries {
    void write() throws XMLStreamException;
  }
}
