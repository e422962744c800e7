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
import org.odcsj.rpm.RpmPackage.Dependency;

/**
 * Streams primary.xml. Always: NEVRA, location and checksum. With {@code details}: also size,
 * sourcerpm, provides/requires/conflicts/obsoletes and the files primary lists; without, the format
 * section is skipped, so memory stays small for large repositories.
 */
final class PrimaryParser {
  /** {@code null}: locations are kept as written (a remote repository; see {@link Located}). */
  private final Path repoDir;

  private final String file;
  private final boolean details;

  PrimaryParser(Path repoDir, Path file, boolean details) {
    this.repoDir = repoDir;
    this.file = file.toString();
    this.details = details;
  }

  /**
   * For a repository that is not a local directory: {@link SourcePackage#file()} stays {@code
   * null}, and {@link #parseLocated} gives each package's {@code xml:base} and {@code href}. {@code
   * name} (e.g. the URL) is what error messages call the file.
   */
  PrimaryParser(String name, boolean details) {
    this.repoDir = null;
    this.file = name;
    this.details = details;
  }

  /**
   * A package with its location as primary writes it ({@code base} = {@code xml:base}, usually
   * {@code null}) and where its header ends ({@code rpm:header-range end}; 0 when not given).
   */
  record Located(RepoPackage pkg, String base, String href, long headerEnd) {}

  List<RepoPackage> parse(InputStream xmlBytes) throws IOException {
    List<RepoPackage> packages = new ArrayList<>();
    for (Located l : parseLocated(xmlBytes)) {
      packages.add(l.pkg());
    }
    return packages;
  }

  List<Located> parseLocated(InputStream xmlBytes) throws IOException {
    List<Located> packages = new ArrayList<>();
    try {
      // The JDK parser closes its input at the end of the document; the caller still needs it.
      InputStream unclosable =
          new FilterInputStream(xmlBytes) {
            @Override
            public void close() {}
          };
      XMLStreamReader r = SafeXml.reader(unclosable, file);
      int depth = 0;
      Fields p = null;
      List<Dependency> relation = null;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          depth++;
          String name = r.getLocalName();
          if (depth == 2 && "package".equals(name)) {
            p = new Fields();
          } else if (p == null) {
            continue;
          } else if (depth == 3 && !"format".equals(name)) {
            readField(r, p);
          } else if (depth == 4 && "header-range".equals(name)) {
            p.headerEnd = parseLong(r.getAttributeValue(null, "end"));
          } else if (depth == 4 && details) {
            relation = readFormatField(r, p);
          } else if (depth == 5 && relation != null && "entry".equals(name)) {
            relation.add(entry(r));
          }
          if (r.getEventType() == XMLStreamConstants.END_ELEMENT) {
            depth--; // getElementText() consumed the end tag
          }
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          if (depth == 2 && p != null) {
            packages.add(new Located(p.toPackage(), p.base, p.href, p.headerEnd));
            p = null;
          } else if (depth == 4) {
            relation = null;
          }
          depth--;
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw SafeXml.failure(e, file);
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
        p.href = r.getAttributeValue(null, "href");
        p.base = r.getAttributeValue(XMLConstants.XML_NS_URI, "base");
        if (p.href == null) {
          throw new IOException(file + " has a package without location href");
        }
        LocationHref.require(p.href, file);
        if (repoDir != null) {
          p.file = resolve(p.base, p.href);
        }
      }
      case "size" -> p.size = parseLong(r.getAttributeValue(null, "package"));
      case "time" -> p.fileTime = parseLong(r.getAttributeValue(null, "file"));
      default -> {}
    }
  }

  /** A child of {@code <format>}; returns the relation list its entries go to, if it is one. */
  private static List<Dependency> readFormatField(XMLStreamReader r, Fields p)
      throws XMLStreamException {
    return switch (r.getLocalName()) {
      case "sourcerpm" -> {
        p.sourcerpm = r.getElementText().trim();
        yield null;
      }
      case "file" -> {
        p.files.add(r.getElementText().trim());
        yield null;
      }
      case "provides" -> p.provides;
      case "requires" -> p.requires;
      case "conflicts" -> p.conflicts;
      case "obsoletes" -> p.obsoletes;
      default -> null;
    };
  }

  private static Dependency entry(XMLStreamReader r) {
    String flags = r.getAttributeValue(null, "flags");
    return new Dependency(
        r.getAttributeValue(null, "name"),
        flags == null || flags.isEmpty() ? null : flags,
        r.getAttributeValue(null, "epoch"),
        r.getAttributeValue(null, "ver"),
        r.getAttributeValue(null, "rel"),
        "1".equals(r.getAttributeValue(null, "pre")));
  }

  private static long parseLong(String s) {
    try {
      return s == null ? 0 : Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      return 0;
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
    String href;
    String base;
    long headerEnd;
    long size;
    long fileTime;
    String sourcerpm = "";
    final List<Dependency> provides = new ArrayList<>();
    final List<Dependency> requires = new ArrayList<>();
    final List<Dependency> conflicts = new ArrayList<>();
    final List<Dependency> obsoletes = new ArrayList<>();
    final List<String> files = new ArrayList<>();

    RepoPackage toPackage() throws IOException {
      if (name == null
          || version == null
          || release == null
          || arch == null
          || href == null
          || (file == null && repoDir != null)) {
        throw new IOException(PrimaryParser.this.file + " has an incomplete package entry");
      }
      SourcePackage pkg =
          new SourcePackage(name, epoch, version, release, arch, file, checksumType, checksum);
      return new RepoPackage(
          pkg, size, fileTime, sourcerpm, provides, requires, conflicts, obsoletes, files);
    }
  }
}
