package org.odcsj.output;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The three metadata files of a repository, in repomd.xml's order: their root element and the
 * namespaces it declares. Each is a root holding one {@code <package>} element per package.
 */
enum RepodataType {
  PRIMARY(
      "primary",
      "metadata",
      Map.of("", RepodataType.COMMON_NS, "rpm", RepodataType.RPM_NS),
      " xmlns=\"" + RepodataType.COMMON_NS + "\" xmlns:rpm=\"" + RepodataType.RPM_NS + "\""),
  FILELISTS(
      "filelists",
      "filelists",
      Map.of("", RepodataType.FILELISTS_NS),
      " xmlns=\"" + RepodataType.FILELISTS_NS + "\""),
  OTHER(
      "other",
      "otherdata",
      Map.of("", RepodataType.OTHER_NS),
      " xmlns=\"" + RepodataType.OTHER_NS + "\"");

  static final String COMMON_NS = "http://linux.duke.edu/metadata/common";
  static final String RPM_NS = "http://linux.duke.edu/metadata/rpm";
  static final String FILELISTS_NS = "http://linux.duke.edu/metadata/filelists";
  static final String OTHER_NS = "http://linux.duke.edu/metadata/other";

  private final String type;
  private final String root;
  private final Map<String, String> namespaces;
  private final String declarations;

  RepodataType(String type, String root, Map<String, String> namespaces, String declarations) {
    this.type = type;
    this.root = root;
    this.namespaces = namespaces;
    this.declarations = declarations;
  }

  /** The name repomd.xml gives it: {@code primary}, {@code filelists}, {@code other}. */
  String type() {
    return type;
  }

  /** The root element's name. */
  String root() {
    return root;
  }

  /** Prefix ({@code ""} for the default namespace) → namespace URI, as the root declares them. */
  Map<String, String> namespaces() {
    return namespaces;
  }

  /** What comes before the packages, as createrepo_c writes it. */
  byte[] head(int packages) {
    return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<"
            + root
            + declarations
            + " packages=\""
            + packages
            + "\">\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** What comes after the packages (no newline after it, as createrepo_c). */
  byte[] tail() {
    return ("</" + root + ">").getBytes(StandardCharsets.UTF_8);
  }
}
