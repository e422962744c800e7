package org.odcsj.source.repo;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams filelists.xml and hands each package's files (those {@code keep} accepts) to the primary
 * package with the same pkgid (checksum), name and arch. Only the kept paths are held.
 */
final class FilelistsParser {
  private final String file;

  FilelistsParser(Path file) {
    this(file.toString());
  }

  /** {@code name} (e.g. the URL) is what error messages call the file. */
  FilelistsParser(String name) {
    this.file = name;
  }

  /** The files per index into {@code packages}; packages filelists does not list get none. */
  List<List<String>> parse(InputStream xmlBytes, List<RepoPackage> packages, Predicate<String> keep)
      throws IOException {
    Map<String, List<Integer>> byKey = new HashMap<>(packages.size() * 2);
    List<List<String>> files = new ArrayList<>(packages.size());
    for (int i = 0; i < packages.size(); i++) {
      SourcePackage p = packages.get(i).source();
      byKey.computeIfAbsent(key(p.checksum(), p.name(), p.arch()), k -> new ArrayList<>(1)).add(i);
      files.add(new ArrayList<>());
    }
    try {
      InputStream unclosable =
          new FilterInputStream(xmlBytes) {
            @Override
            public void close() {}
          };
      XMLStreamReader r = SafeXml.inputFactory().createXMLStreamReader(unclosable);
      List<Integer> targets = null;
      while (r.hasNext()) {
        if (r.next() != XMLStreamConstants.START_ELEMENT) {
          continue;
        }
        String name = r.getLocalName();
        if ("package".equals(name)) {
          String key =
              key(
                  r.getAttributeValue(null, "pkgid"),
                  r.getAttributeValue(null, "name"),
                  r.getAttributeValue(null, "arch"));
          targets = byKey.get(key);
        } else if ("file".equals(name) && targets != null) {
          String path = r.getElementText().trim();
          if (keep.test(path)) {
            for (int i : targets) {
              files.get(i).add(path);
            }
          }
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot parse " + file + ": " + e.getMessage(), e);
    }
    return files;
  }

  private static String key(String pkgid, String name, String arch) {
    return pkgid + "/" + name + "/" + arch;
  }

  /** Gives each package (in primary's order) its full file list from filelists. */
  static void attach(List<RepoPackage> packages, List<List<String>> files) {
    for (int i = 0; i < packages.size(); i++) {
      packages.set(i, withFiles(packages.get(i), files.get(i)));
    }
  }

  /** Without filelists: only the files primary lists, filtered like filelists' would be. */
  static void keepPrimaryFiles(List<RepoPackage> packages, Predicate<String> keepFile) {
    packages.replaceAll(p -> withFiles(p, p.files().stream().filter(keepFile).toList()));
  }

  private static RepoPackage withFiles(RepoPackage p, List<String> files) {
    return new RepoPackage(
        p.source(),
        p.packageSize(),
        p.fileTime(),
        p.sourcerpm(),
        p.provides(),
        p.requires(),
        p.conflicts(),
        p.obsoletes(),
        files);
  }
}
