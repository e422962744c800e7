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
 * package with the same pkgid (checksum), name and arch. Only the kept paths are held (of every
 * package filelists lists, which is primary's packages).
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

  /**
   * The files (those {@code keep} accepts) of every package filelists lists, by {@link #key} —
   * without primary's package list, so that both files can be parsed at the same time.
   */
  Map<String, List<String>> parse(InputStream xmlBytes, Predicate<String> keep) throws IOException {
    Map<String, List<String>> files = new HashMap<>();
    try {
      InputStream unclosable =
          new FilterInputStream(xmlBytes) {
            @Override
            public void close() {}
          };
      XMLStreamReader r = SafeXml.reader(unclosable, file);
      List<String> target = null;
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
          target = files.computeIfAbsent(key, k -> new ArrayList<>());
        } else if ("file".equals(name) && target != null) {
          String path = r.getElementText().trim();
          if (keep.test(path)) {
            target.add(path);
          }
        }
      }
      r.close();
    } catch (XMLStreamException e) {
      throw SafeXml.failure(e, file);
    }
    return files;
  }

  private static String key(String pkgid, String name, String arch) {
    return pkgid + "/" + name + "/" + arch;
  }

  /**
   * Gives each package (in primary's order) its full file list from filelists (the one with its
   * pkgid, name and arch; none when filelists does not list it).
   */
  static void attach(List<RepoPackage> packages, Map<String, List<String>> files) {
    for (int i = 0; i < packages.size(); i++) {
      SourcePackage p = packages.get(i).source();
      List<String> own = files.get(key(p.checksum(), p.name(), p.arch()));
      packages.set(i, withFiles(packages.get(i), own == null ? List.of() : own));
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
