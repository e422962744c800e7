package org.odcsj.output;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the {@code repodata/} of a repository whose packages stay where they are: each chosen
 * package's primary, filelists and other entries are copied from its source repository's metadata,
 * primary's {@code <location>} pointing back at the source with {@code xml:base} ({@code
 * mergerepo_c}'s output for repositories merged by URL). No RPM is read or copied.
 *
 * <pre>
 * LinkedRepodataWriter.write(dir.resolve("repodata"), List.of(
 *     new Linked(repodataA, "http://pulp/a/x86_64/os/", Set.of(SourceKey…)), …));
 * </pre>
 */
public final class LinkedRepodataWriter {
  private LinkedRepodataWriter() {}

  /** A package's entries in its source metadata: checksum (sha256), name and arch. */
  public record Key(String sha256, String name, String arch) {
    String value() {
      return SourceEntry.key(sha256, name, arch);
    }
  }

  /**
   * One source repository: its metadata, the URL its package hrefs are relative to (ends with "/"),
   * and which of its packages to keep.
   */
  public record Linked(SourceRepodata repodata, String baseUrl, Set<Key> keep) {
    public Linked {
      keep = Set.copyOf(keep);
    }
  }

  /**
   * Writes {@code repodataDir} (moved into place once complete) listing the kept packages of all
   * sources, in source order; returns how many. An {@link IOException} when a source's metadata
   * lacks a kept package's entry in one of the three files, or changed since it was read.
   */
  public static int write(Path repodataDir, List<Linked> sources) throws IOException {
    int total = sources.stream().mapToInt(s -> s.keep().size()).sum();
    try (RepodataWriter writer = new RepodataWriter(repodataDir, total)) {
      writer.addAll(
          (type, file) -> {
            int count = 0;
            for (Linked source : sources) {
              count += copy(source, type, file);
            }
            if (count != total) {
              throw new IOException(
                  type.type() + " metadata lists " + count + " of the " + total + " packages kept");
            }
            return count;
          });
      writer.finish();
    }
    return total;
  }

  private static int copy(Linked source, RepodataType type, MetadataXmlFile file)
      throws IOException {
    Map<String, Key> wanted = new java.util.HashMap<>();
    source.keep().forEach(k -> wanted.put(k.value(), k));
    Set<String> written = new HashSet<>();
    int[] count = {0};
    boolean present =
        source
            .repodata()
            .read(
                type.type(),
                xml -> count[0] += copyEntries(xml, source, type, file, wanted, written));
    if (!present && !wanted.isEmpty()) {
      throw new IOException(source.repodata() + " has no " + type.type() + " metadata");
    }
    return count[0];
  }

  private static int copyEntries(
      InputStream xml,
      Linked source,
      RepodataType type,
      MetadataXmlFile file,
      Map<String, Key> wanted,
      Set<String> written)
      throws IOException {
    PackageEntryScanner scanner =
        new PackageEntryScanner(xml, type, source.repodata() + " " + type.type());
    int count = 0;
    for (PackageEntryScanner.Entry e; (e = scanner.next()) != null; ) {
      if (e.pkgid() == null || e.name() == null || e.arch() == null) {
        continue;
      }
      String key = SourceEntry.key(e.pkgid(), e.name(), e.arch());
      if (!wanted.containsKey(key) || !written.add(key)) {
        continue; // not kept, or listed twice: the first one is as good
      }
      byte[] b = e.bytes();
      int o = e.offset();
      if (type == RepodataType.PRIMARY) {
        if (e.locationStart() < 0) {
          throw new IOException(source.repodata() + ": " + e.name() + " has no location");
        }
        String href = locationHref(b, o + e.locationStart(), e.locationEnd() - e.locationStart());
        byte[] location =
            ("<location xml:base=\""
                    + escape(source.baseUrl())
                    + "\" href=\""
                    + escape(href)
                    + (e.locationEmpty() ? "\"/>" : "\">"))
                .getBytes(StandardCharsets.UTF_8);
        file.writeEntry(b, o, e.locationStart());
        file.writeEntry(location, 0, location.length);
        file.writeEntry(b, o + e.locationEnd(), e.length() - e.locationEnd());
      } else {
        file.writeEntry(b, o, e.length());
      }
      file.writeEntry(NEWLINE, 0, 1);
      count++;
    }
    return count;
  }

  private static final byte[] NEWLINE = {'\n'};

  /** The {@code href} attribute of a {@code <location …>} start tag, decoded. */
  static String locationHref(byte[] b, int offset, int length) throws IOException {
    String tag = new String(b, offset, length, StandardCharsets.UTF_8);
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("\\shref\\s*=\\s*(\"([^\"]*)\"|'([^']*)')").matcher(tag);
    if (!m.find()) {
      throw new IOException("a location without href: " + tag);
    }
    String raw = m.group(2) != null ? m.group(2) : m.group(3);
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    return PackageEntryScanner.decode(bytes, 0, bytes.length);
  }

  private static String escape(String s) {
    return XmlText.clean(s)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
