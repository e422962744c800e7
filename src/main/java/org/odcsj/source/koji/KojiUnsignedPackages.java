package org.odcsj.source.koji;

import java.util.List;

/**
 * Some packages have no copy signed with any of the requested keys. The message names the keys
 * ({@code <unsigned>} for {@code ""}) and every such package by NVRA, and says which ones Koji
 * knows as signed but has no signed copy of (someone has to run {@code koji write-signed-rpm}).
 */
public final class KojiUnsignedPackages extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** At most this many packages are named; the rest are counted. */
  static final int LISTED = 50;

  /**
   * A package without an acceptable copy: {@code signedWithoutCopy} the requested keys Koji has a
   * signature of but no signed copy; {@code noUnsignedFile} when the unsigned copy was acceptable
   * but its file is missing too.
   */
  public record Missing(String nvra, List<String> signedWithoutCopy, boolean noUnsignedFile) {}

  private final List<Missing> missing;

  public KojiUnsignedPackages(List<String> sigkeys, List<Missing> missing) {
    super(message(sigkeys, missing));
    this.missing = List.copyOf(missing);
  }

  public List<Missing> missing() {
    return missing;
  }

  private static String message(List<String> sigkeys, List<Missing> missing) {
    StringBuilder m =
        new StringBuilder("the following packages are not signed by any of the keys ");
    m.append(String.join(", ", sigkeys.stream().map(k -> k.isEmpty() ? "<unsigned>" : k).toList()));
    m.append(": ");
    for (int i = 0; i < Math.min(LISTED, missing.size()); i++) {
      Missing p = missing.get(i);
      m.append(i == 0 ? "" : ", ").append(p.nvra());
      if (!p.signedWithoutCopy().isEmpty()) {
        m.append(" (signed with ")
            .append(String.join(", ", p.signedWithoutCopy()))
            .append(" in Koji, but no signed copy was written)");
      }
      if (p.noUnsignedFile()) {
        m.append(" (its file is missing from Koji's topdir)");
      }
    }
    if (missing.size() > LISTED) {
      m.append(" and ").append(missing.size() - LISTED).append(" more");
    }
    return m.toString();
  }
}
