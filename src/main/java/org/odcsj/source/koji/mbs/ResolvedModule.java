package org.odcsj.source.koji.mbs;

import org.odcsj.modulemd.ModuleStream;
import org.odcsj.modulemd.Nsvc;

/**
 * A module build a compose contains: as MBS listed it, its modulemd, and whether it is the {@code
 * -devel} variant (named {@code <name>-devel}, requiring its module at run time).
 */
public record ResolvedModule(MbsModuleBuild build, ModuleStream modulemd, boolean devel) {

  public Nsvc nsvc() {
    return build.nsvc();
  }

  public String nameStream() {
    return build.name() + ":" + build.stream();
  }
}
