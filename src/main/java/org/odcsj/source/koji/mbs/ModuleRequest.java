package org.odcsj.source.koji.mbs;

import java.util.List;
import java.util.Set;
import org.odcsj.modulemd.Nsvc;
import org.odcsj.source.koji.mbs.MbsQuery.BaseModuleFilter;

/**
 * What a {@code module} compose asks MBS for: the modules as requested, whether {@code done} builds
 * count ({@code include_done_modules}), whether to add dependencies (not with {@code no_deps}), the
 * request's base-module filter, and the base modules never composed ({@code
 * odcs.base-module-names}).
 */
public record ModuleRequest(
    List<Nsvc> modules,
    boolean includeDone,
    boolean withDependencies,
    BaseModuleFilter base,
    Set<String> baseModuleNames) {

  public ModuleRequest {
    modules = List.copyOf(modules);
    base = base == null ? BaseModuleFilter.NONE : base;
    baseModuleNames = Set.copyOf(baseModuleNames);
  }
}
