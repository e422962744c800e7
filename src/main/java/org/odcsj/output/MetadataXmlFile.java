package org.odcsj.output;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.GZIPOutputStream;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * One gzipped metadata file (primary, filelists or other) written package by package through StAX,
 * measured on the way for repomd.xml, and named {@code <sha256>-<type>.xml.gz} when finished.
 * Subclasses write the root element's namespaces and one {@code <package>}.
 */
abstract class MetadataXmlFile implements Closeable {
  static final String COMMON_NS = "http://linux.duke.edu/metadata/common";
  static final String RPM_NS = "http://linux.duke.edu/metadata/rpm";

  private static final XMLOutputFactory FACTORY = XMLOutputFactory.newFactory();

  private final Path dir;
  private final String type;
  private final Path temp;
  private final MeasuredOutputStream compressed;
  private final MeasuredOutputStream open;
  private final OutputStream sink;
  protected final XMLStreamWriter xml;
  private boolean finished;

  MetadataXmlFile(Path dir, String type, String root, int packages) throws IOException {
    this.dir = dir;
    this.type = type;
    this.temp = dir.resolve(type + ".xml.gz");
    this.compressed =
        new MeasuredOutputStream(new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16));
    this.open = new MeasuredOutputStream(new GZIPOutputStream(compressed, 1 << 16));
    // The JDK's UTF-8 writer emits byte by byte: buffer before the digest and the deflater.
    this.sink = new BufferedOutputStream(open, 1 << 16);
    try {
      this.xml = FACTORY.createXMLStreamWriter(sink, "UTF-8");
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement(root);
      writeNamespaces();
      xml.writeAttribute("packages", Integer.toString(packages));
      xml.writeCharacters("\n");
    } catch (XMLStreamException e) {
      throw new IOException("cannot start " + temp, e);
    }
  }

  abstract void writeNamespaces() throws XMLStreamException;

  abstract void writePackage(RpmPackage pkg, String href) throws XMLStreamException;

  final void add(RpmPackage pkg, String href) throws IOException {
    try {
      writePackage(pkg, href);
    } catch (XMLStreamException e) {
      throw new IOException("cannot write " + pkg.nevra() + " to " + temp, e);
    }
  }

  /** Ends the document, closes the file and renames it after its checksum. */
  final RepomdRecord finish() throws IOException {
    finished = true;
    try {
      xml.writeEndElement(); // no newline after it, as createrepo_c
      xml.writeEndDocument();
    } catch (XMLStreamException e) {
      throw new IOException("cannot finish " + temp, e);
    } finally {
      closeStreams();
    }
    String checksum = compressed.sha256();
    String name = checksum + "-" + type + ".xml.gz";
    Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    return new RepomdRecord(
        type, checksum, open.sha256(), compressed.size(), open.size(), "repodata/" + name);
  }

  /** Abandons an unfinished file. */
  @Override
  public void close() throws IOException {
    if (!finished) {
      finished = true;
      try {
        closeStreams();
      } finally {
        Files.deleteIfExists(temp);
      }
    }
  }

  private void closeStreams() throws IOException {
    try {
      xml.close(); // flushes into sink, but leaves it open
    } catch (XMLStreamException e) {
      throw new IOException("cannot flush " + temp, e);
    } finally {
      sink.close(); // the rest of the chain: gzip trailer, then the file
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
