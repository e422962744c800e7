package org.odcsj.modulemd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * One modulemd v2 module stream document ({@code document: modulemd}, {@code version: 2}). Held as
 * its YAML tree so what the compose does not change (profiles, API, components, licenses …) reaches
 * the repository as the build system wrote it; the changes return new documents.
 */
public final class ModuleStream {

  private final Map<String, Object> root;
  private final Map<String, Object> data;

  ModuleStream(Map<String, Object> root) {
    this.root = root;
    this.data = YamlTree.map(root.get("data"), "modulemd data");
    if (name() == null || stream() == null) {
      throw new ModulemdException("modulemd data has no name or stream");
    }
  }

  /** Parses the one module stream document in {@code yaml} (as MBS and Koji hand it out). */
  public static ModuleStream parse(String yaml) {
    ModulemdDocuments documents = ModulemdDocuments.parse(yaml);
    if (documents.streams().size() != 1) {
      throw new ModulemdException(
          "expected one modulemd v2 document, found " + documents.streams().size());
    }
    return documents.streams().get(0);
  }

  public String name() {
    return YamlTree.text(data, "name", "modulemd data");
  }

  public String stream() {
    return YamlTree.text(data, "stream", "modulemd data");
  }

  /** The version, or 0 when the document has none (as libmodulemd reads it). */
  public long version() {
    Long version = YamlTree.number(data, "version", "modulemd data");
    return version == null ? 0 : version;
  }

  public String context() {
    String context = YamlTree.text(data, "context", "modulemd data");
    return context == null ? "" : context;
  }

  /** {@code N:S:V:C}. */
  public Nsvc nsvc() {
    return Nsvc.of(name(), stream(), version(), context());
  }

  /** The Koji tag MBS built the module in ({@code data.xmd.mbs.koji_tag}), or null. */
  public String kojiTag() {
    if (data.get("xmd") instanceof Map<?, ?> xmd && xmd.get("mbs") instanceof Map<?, ?> mbs) {
      Object tag = mbs.get("koji_tag");
      return tag == null ? null : String.valueOf(tag);
    }
    return null;
  }

  public String arch() {
    return YamlTree.text(data, "arch", "modulemd data");
  }

  /** {@code data.artifacts.rpms}: {@code N-E:V-R.A} strings, source RPMs as {@code .src}. */
  public List<String> artifactRpms() {
    Object artifacts = data.get("artifacts");
    if (artifacts == null) {
      return List.of();
    }
    return YamlTree.texts(
        YamlTree.map(artifacts, "modulemd data.artifacts").get("rpms"),
        "modulemd data.artifacts.rpms");
  }

  /**
   * The run-time module requirements, stream names by module name over every {@code dependencies}
   * entry; a stream excluded with a leading {@code -} and an empty list (any stream) name no stream
   * to add.
   */
  public Map<String, List<String>> runtimeRequires() {
    return dependencies("requires");
  }

  /** The build-time module requirements, as {@link #runtimeRequires()}. */
  public Map<String, List<String>> buildRequires() {
    return dependencies("buildrequires");
  }

  private Map<String, List<String>> dependencies(String kind) {
    Map<String, List<String>> byName = new LinkedHashMap<>();
    for (Map<String, Object> entry : dependencyEntries()) {
      Object requires = entry.get(kind);
      if (requires == null) {
        continue;
      }
      YamlTree.map(requires, "modulemd data.dependencies." + kind)
          .forEach(
              (name, streams) -> {
                List<String> list = byName.computeIfAbsent(name, n -> new ArrayList<>());
                for (String stream :
                    YamlTree.texts(streams, "modulemd data.dependencies." + kind + "." + name)) {
                  if (!stream.startsWith("-") && !list.contains(stream)) {
                    list.add(stream);
                  }
                }
              });
    }
    return byName;
  }

  private List<Map<String, Object>> dependencyEntries() {
    Object dependencies = data.get("dependencies");
    if (dependencies == null) {
      return List.of();
    }
    if (!(dependencies instanceof List<?> list)) {
      throw new ModulemdException("modulemd data.dependencies is not a sequence");
    }
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Object entry : list) {
      entries.add(YamlTree.map(entry, "modulemd data.dependencies entry"));
    }
    return entries;
  }

  /** A copy named {@code newName} (a {@code -devel} module is its module's build renamed). */
  public ModuleStream withName(String newName) {
    ModuleStream copy = copy();
    copy.data.put("name", newName);
    return copy;
  }

  /** A copy that also requires {@code name:stream} at run time (in every dependencies entry). */
  public ModuleStream withRuntimeRequire(String name, String stream) {
    ModuleStream copy = copy();
    List<Map<String, Object>> entries = copy.dependencyEntries();
    if (entries.isEmpty()) {
      List<Object> created = new ArrayList<>();
      created.add(new LinkedHashMap<String, Object>());
      copy.data.put("dependencies", created);
      entries = copy.dependencyEntries();
    }
    for (Map<String, Object> entry : entries) {
      Map<String, Object> requires = YamlTree.mapAt(entry, "requires", "modulemd dependencies");
      Object streams = requires.get(name);
      List<Object> list = new ArrayList<>();
      if (streams instanceof List<?> existing) {
        list.addAll(existing);
      }
      if (!list.contains(stream)) {
        list.add(stream);
      }
      requires.put(name, list);
    }
    return copy;
  }

  /**
   * The document for one arch of the compose: {@code data.arch} set and the RPM artifacts cut to
   * those {@code keep} accepts (what that arch's repository holds).
   */
  public ModuleStream forArch(String arch, Predicate<String> keep) {
    ModuleStream copy = copy();
    copy.data.put("arch", arch);
    Object artifacts = copy.data.get("artifacts");
    if (artifacts != null) {
      Map<String, Object> map = YamlTree.map(artifacts, "modulemd data.artifacts");
      List<Object> kept = new ArrayList<>();
      for (String rpm : YamlTree.texts(map.get("rpms"), "modulemd data.artifacts.rpms")) {
        if (keep.test(rpm)) {
          kept.add(rpm);
        }
      }
      map.put("rpms", kept);
    }
    return copy;
  }

  /** A copy listing {@code rpms} as its RPM artifacts (a {@code -devel} module's own). */
  public ModuleStream withArtifacts(List<String> rpms) {
    ModuleStream copy = copy();
    YamlTree.mapAt(copy.data, "artifacts", "modulemd data")
        .put("rpms", new ArrayList<Object>(rpms));
    return copy;
  }

  /** The YAML tree, for writing. */
  Map<String, Object> tree() {
    return root;
  }

  private ModuleStream copy() {
    return new ModuleStream(YamlTree.map(YamlTree.copy(root), "modulemd"));
  }

  @Override
  public String toString() {
    return nsvc().toString();
  }
}
