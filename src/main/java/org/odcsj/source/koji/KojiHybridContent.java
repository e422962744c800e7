package org.odcsj.source.koji;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.odcsj.compose.ComposeSpec;
import org.odcsj.modulemd.ModulemdDocuments;
import org.odcsj.output.SourceEntry;
import org.odcsj.selection.Candidate;
import org.odcsj.selection.Nevra;
import org.odcsj.source.PackageContent;
import org.odcsj.source.SourceFailure;

/**
 * A hybrid {@code tag} compose ({@code modular_koji_tags}): the tag's packages for the selection,
 * the modules' artifacts placed as they are, and the modules' modulemd in the repositories.
 */
final class KojiHybridContent implements PackageContent {

  private final KojiContent tag;
  private final KojiModuleContent modules;
  private final Set<Candidate> modular = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<Candidate> candidates = new ArrayList<>();

  KojiHybridContent(KojiContent tag, KojiModuleContent modules) {
    this.tag = tag;
    this.modules = modules;
    modular.addAll(modules.candidates());
    candidates.addAll(tag.candidates());
    candidates.addAll(modules.candidates());
  }

  @Override
  public List<Candidate> candidates() {
    return candidates;
  }

  @Override
  public List<Candidate> listedPackages(String arch) {
    return modules.listedPackages(arch);
  }

  @Override
  public Optional<ModulemdDocuments> modules(String arch, Set<Nevra> placed) {
    return modules.modules(arch, placed);
  }

  @Override
  public List<Candidate> lookaside(String arch) throws SourceFailure {
    return tag.lookaside(arch);
  }

  /** Each file from the content that offered its package, in the order asked. */
  @Override
  public List<Path> files(List<Candidate> selected, Path downloadDir)
      throws SourceFailure, IOException {
    List<Candidate> fromTag = new ArrayList<>();
    List<Candidate> fromModules = new ArrayList<>();
    selected.forEach(c -> (modular.contains(c) ? fromModules : fromTag).add(c));
    List<Path> tagFiles = tag.files(fromTag, downloadDir);
    List<Path> moduleFiles = modules.files(fromModules, downloadDir);
    List<Path> files = new ArrayList<>(selected.size());
    int t = 0;
    int m = 0;
    for (Candidate c : selected) {
      files.add(modular.contains(c) ? moduleFiles.get(m++) : tagFiles.get(t++));
    }
    return files;
  }

  @Override
  public SourceEntry entry(Candidate selected) {
    return modular.contains(selected) ? modules.entry(selected) : tag.entry(selected);
  }

  @Override
  public ComposeSpec resolvedSpec() {
    return tag.resolvedSpec();
  }

  @Override
  public String fingerprint() {
    return tag.fingerprint();
  }

  @Override
  public void close() {
    try {
      tag.close();
    } finally {
      modules.close();
    }
  }
}
