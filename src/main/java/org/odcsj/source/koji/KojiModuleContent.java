package org.odcsj.source.koji;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.modulemd.ModuleDefaults;
import org.odcsj.modulemd.ModuleStream;
import org.odcsj.modulemd.ModulemdDocuments;
import org.odcsj.output.SourceEntry;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Nevra;
import org.odcsj.source.PackageContent;
import org.odcsj.source.SourceFailure;
import org.odcsj.source.koji.mbs.ResolvedModule;

/**
 * A module compose's content: the Koji RPMs of its modules, every one of an arch placed in that
 * arch's repository (two modules may hold two versions of one package: no newest-wins selection),
 * and per arch one modulemd document per module, its artifacts cut to what the repository holds,
 * with the defaults of those modules.
 */
final class KojiModuleContent implements PackageContent {

  private final KojiContent rpms;
  private final List<ResolvedModule> modules;
  private final List<ModuleDefaults> defaults;

  KojiModuleContent(KojiContent rpms, List<ResolvedModule> modules, List<ModuleDefaults> defaults) {
    this.rpms = rpms;
    this.modules = List.copyOf(modules);
    this.defaults = List.copyOf(defaults);
  }

  @Override
  public List<Candidate> candidates() {
    return rpms.candidates();
  }

  @Override
  public List<Candidate> listedPackages(String arch) {
    List<Candidate> inArch = new ArrayList<>();
    for (Candidate c : rpms.candidates()) {
      if (c.arch().equals(arch) || c.arch().equals("noarch")) {
        inArch.add(c);
      }
    }
    return inArch;
  }

  @Override
  public Optional<ModulemdDocuments> modules(String arch, Set<Nevra> placed) {
    List<ModuleStream> streams = new ArrayList<>();
    for (var module : modules) {
      streams.add(module.modulemd().forArch(arch, a -> placed.contains(Nevra.parse(a))));
    }
    return Optional.of(new ModulemdDocuments(streams, defaults));
  }

  @Override
  public List<Candidate> lookaside(String arch) throws SourceFailure {
    return rpms.lookaside(arch);
  }

  @Override
  public List<Path> files(List<Candidate> selected, Path downloadDir) throws IOException {
    return rpms.files(selected, downloadDir);
  }

  @Override
  public SourceEntry entry(Candidate selected) {
    return rpms.entry(selected);
  }

  @Override
  public ComposeSpec resolvedSpec() {
    return rpms.resolvedSpec();
  }

  @Override
  public String fingerprint() {
    return rpms.fingerprint();
  }

  @Override
  public void close() {
    rpms.close();
  }
}
