package org.odcsj.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Test helper: flattens a repodata XML file into comparable text, one entry per {@code <package>}
 * keyed by its pkgid, each a list of {@code path[attr=value…] text} lines in document order. Two
 * repositories with the same packages then compare field by field, whatever their formatting.
 */
final class RepodataDump {
  private RepodataDump() {}

  /** The repodata file of a type ("primary", …) as repomd.xml names it. */
  static Path file(Path repoDir, String type) throws IOException {
    Document repomd = parse(repoDir.resolve("repodata/repomd.xml"));
    for (Element data : children(repomd.getDocumentElement(), "data")) {
      if (type.equals(data.getAttribute("type"))) {
        String href = children(data, "location").get(0).getAttribute("href");
        return repoDir.resolve(href);
      }
    }
    throw new AssertionError("no " + type + " in " + repoDir);
  }

  /** pkgid -> flattened lines of that package's element. */
  static Map<String, List<String>> packages(Path xmlGz) throws IOException {
    Document doc = parse(xmlGz);
    Map<String, List<String>> out = new TreeMap<>();
    for (Element p : children(doc.getDocumentElement(), "package")) {
      String pkgid = p.getAttribute("pkgid");
      if (pkgid.isEmpty()) {
        pkgid = children(p, "checksum").get(0).getTextContent().trim();
      }
      List<String> lines = new ArrayList<>();
      flatten(p, "", lines);
      out.put(pkgid, lines);
    }
    return out;
  }

  static Document parse(Path file) throws IOException {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
      f.setNamespaceAware(true);
      return f.newDocumentBuilder().parse(in);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException("cannot parse " + file, e);
    }
  }

  static List<Element> children(Element parent, String localName) {
    List<Element> out = new ArrayList<>();
    for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element e && localName.equals(e.getLocalName())) {
        out.add(e);
      }
    }
    return out;
  }

  private static void flatten(Element e, String parentPath, List<String> lines) {
    String path = parentPath + "/" + e.getTagName();
    StringBuilder line = new StringBuilder(path);
    NamedNodeMap attrs = e.getAttributes();
    Map<String, String> sorted = new TreeMap<>();
    for (int i = 0; i < attrs.getLength(); i++) {
      Attr a = (Attr) attrs.item(i);
      if (!a.getName().startsWith("xmlns")) {
        sorted.put(a.getName(), a.getValue());
      }
    }
    sorted.forEach((k, v) -> line.append(" @").append(k).append('=').append(v));
    StringBuilder text = new StringBuilder();
    boolean hasChildElements = false;
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        hasChildElements = true;
      } else if (n.getNodeType() == Node.TEXT_NODE || n.getNodeType() == Node.CDATA_SECTION_NODE) {
        text.append(n.getNodeValue());
      }
    }
    if (!hasChildElements) {
      line.append(" text=").append(text);
    }
    lines.add(line.toString());
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element child) {
        flatten(child, path, lines);
      }
    }
  }
}
