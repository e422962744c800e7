package org.odcsj.source.repo;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams primary.xml and keeps, per package, only NEVRA, location and checksum — the format
 * section (dependencies, files) is skipped, so memory stays small for large repositories.
 */
final class PrimaryParser {
  private final Path repoDir;
  private final Path file;

  PrimaryParser(Path repoDir, Path file) {
    this.repoDir = repoDir;
    this.file = file;
  }

  List<SourcePackage> parse(InputStream xmlBytes) throws IOException {
    List<SourcePackage> packages = new ArrayList<>();
    try {
      // The JDK parser closes its input at the end of the document; the caller still needs it.
      InputStream unclosable =
          new FilterInputStream(xmlBytes) {
            @Override
            public void close() {}
          };
      XMLStreamReader r = SafeXml.inputFactory().createXMLStreamReader(unclosable);
      int depth = 0;
      Fields p = null;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          if (depth == 2 && "package".equals(r.getLocalName())) {
            p = new Fields();
          } else if (depth == 3 && p != null) {
            readField(r, p);
            if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
              depth--; // getElementText() consumed the end tag
            }
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth == 2 && p != null) {
            packages.add(p.toPackage());
            p = null;
          }
          depth--;
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
    }
    return packages;
  }

  private void readField(XMLStreamReader r, Fields p) throws XMLStreamException, IOException {
    switch (r.getLocalName()) {
      case "name" -> p.name = r.getElementText().trim();
      case "arch" -> p.arch = r.getElementText().trim();
      case "version" -> {
        p.epoch = r.getAttributeValue(null, "epoch");
        p.version = r.getAttributeValue(null, "ver");
        p.release = r.getAttributeValue(null, "rel");
      }
      case "checksum" -> {
        p.checksumType = r.getAttributeValue(null, "type");
        p.checksum = r.getElementText().trim();
      }
      case "location" -> {
        String href = r.getAttributeValue(null, "href");
        String base = r.getAttributeValue(XMLConstants.XML_NS_URI, "base");
        p.file = resolve(base, href);
      }
      default -> {}
    }
  }

  /** The package file: {@code href} against {@code xml:base} when that is local, else the repo. */
  private Path resolve(String base, String href) throws IOException {
    if (href == null) {
      throw new IOException(file + " has a package without location href");
    }
    Path dir = repoDir;
    if (base != null && !base.isEmpty()) {
      if (base.startsWith("file:")) {
        dir = Path.of(URI.create(base));
      } else if (base.startsWith("/")) {
        dir = Path.of(base);
      } else if (base.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
        throw new IOException(
            file + " locates " + href + " at " + base + ", which is not a local directory");
      } else {
        dir = repoDir.resolve(base);
      }
    }
    return dir.resolve(href).normalize();
  }

  private final class Fields {
    String name;
    String arch;
    String epoch;
    String version;
    String release;
    String checksumType;
    String checksum;
    Path file;

    SourcePackage toPackage() throws IOException {
      if (name == null || version == null || release == null || arch == null || file == null) {
        throw new IOException(PrimaryParser.this.file + " has an incomplete package entry");
      }
      return new SourcePackage(name, epoch, version, release, arch, file, checksumType, checksum);
    }
  }
}
