package org.odcsj.source.repo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/** The parts of repomd.xml we use: the revision and where primary (and filelists) are. */
record RepomdIndex(String revision, Map<String, DataFile> files) {

  /** One {@code <data>} entry: the file's href and the checksum of its compressed bytes. */
  record DataFile(String href, String checksumType, String checksum) {}

  String primaryHref() {
    return files.get("primary").href();
  }

  String checksumType() {
    return files.get("primary").checksumType();
  }

  String checksum() {
    return files.get("primary").checksum();
  }

  /** The filelists entry, {@code null} when repomd.xml lists none. */
  DataFile filelists() {
    DataFile f = files.get("filelists");
    return f != null && f.href() != null && f.checksum() != null ? f : null;
  }

  static RepomdIndex parse(Path repomd) throws IOException {
    try (InputStream in = Files.newInputStream(repomd)) {
      return parse(in, repomd.toString());
    }
  }

  /** Parses repomd.xml from {@code in} (not closed); {@code repomd} names it in messages. */
  static RepomdIndex parse(InputStream in, String repomd) throws IOException {
    String revision = null;
    Map<String, String[]> data = new HashMap<>(); // type -> href, checksum type, checksum
    try {
      XMLStreamReader r = SafeXml.reader(in, repomd);
      String[] current = null;
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          switch (r.getLocalName()) {
            case "revision" -> revision = r.getElementText().trim();
            case "data" -> current = data.computeIfAbsent(typeOf(r), t -> new String[3]);
            case "location" -> {
              if (current != null) {
                current[0] = r.getAttributeValue(null, "href");
              }
            }
            case "checksum" -> {
              if (current != null) {
                current[1] = r.getAttributeValue(null, "type");
                current[2] = r.getElementText().trim();
              }
            }
            default -> {}
          }
        } else if (event == XMLStreamConstants.END_ELEMENT && "data".equals(r.getLocalName())) {
          current = null;
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw SafeXml.failure(e, repomd);
    }
    String[] primary = data.get("primary");
    if (primary == null || primary[0] == null || primary[2] == null) {
      throw new IOException(repomd + " lists no primary metadata");
    }
    Map<String, DataFile> files = new HashMap<>();
    for (var entry : data.entrySet()) {
      String[] d = entry.getValue();
      if (d[0] != null) {
        LocationHref.require(d[0], repomd);
      }
      files.put(entry.getKey(), new DataFile(d[0], d[1], d[2]));
    }
    return new RepomdIndex(revision, Map.copyOf(files));
  }

  private static String typeOf(XMLStreamReader r) {
    String type = r.getAttributeValue(null, "type");
    return type == null ? "" : type;
  }
}
