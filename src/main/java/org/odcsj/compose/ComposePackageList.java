package org.odcsj.compose;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.Arrays;
import java.util.List;

/**
 * What a done compose resolved to, one {@code <arch> <nevra>} line per package. Kept apart from the
 * compose row so lists and searches never load it.
 */
@Entity
@Table(name = "compose_package_lists")
public class ComposePackageList {

  @Id
  @Column(name = "compose_id")
  private Long composeId;

  private String packages;

  protected ComposePackageList() {}

  public ComposePackageList(long composeId, List<String> archNevras) {
    this.composeId = composeId;
    this.packages = String.join("\n", archNevras);
  }

  /** {@code <arch> <nevra>} lines. */
  public List<String> archNevras() {
    return packages.isEmpty() ? List.of() : Arrays.asList(packages.split("\n"));
  }
}
