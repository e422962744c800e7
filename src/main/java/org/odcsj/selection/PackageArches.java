package org.odcsj.selection;

import java.util.Collection;
import java.util.Set;

/**
 * The package arches a compose for some arches can contain — native, older 32-bit x86, noarch, and
 * the compat arches of its multilib arches — so a source need not read packages of other arches.
 */
public final class PackageArches {

  private PackageArches() {}

  public static Set<String> of(Collection<String> arches, Collection<String> multilibArches) {
    return ArchPolicy.packageArches(arches, multilibArches);
  }
}
